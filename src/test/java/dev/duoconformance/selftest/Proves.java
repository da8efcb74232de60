package dev.duoconformance.selftest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The documented cause a self-test proves when its scenario is not a {@code Fault} or a runtime fault enum (a fake
 * console command, say): the test fails exactly that section with that cause's remediation. Read by {@link CatalogueCoverageTest}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Proves {
    String section();

    String cause();
}
