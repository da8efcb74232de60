package dev.duoconformance.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a check class as the automation of one troubleshooting section, by its stable id. The class also carries
 * {@code @Tag}s for its components and its id, so {@code -Dgroups=aigw} or {@code -Dgroups=<id>} select it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ConformanceExtension.class)
@DisplayNameGeneration(SectionNames.class)
public @interface DocSection {
    String value();
}
