package dev.duoconformance.junit;

import dev.duoconformance.rules.Check;
import dev.duoconformance.sections.AllSections;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A check class is named by its section's id, so the JUnit XML that GitLab's test report shows reads "section id, check
 * sentence" (each check's title in its section's declaration); the doc's heading is the catalogue's, in the run's language.
 */
public final class SectionNames extends DisplayNameGenerator.Standard {
    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, DocSection.class)
                .map(DocSection::value)
                .orElseGet(() -> super.generateDisplayNameForClass(testClass));
    }

    @Override
    public String generateDisplayNameForMethod(
            List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        return AnnotationSupport.findAnnotation(testClass, DocSection.class)
                .flatMap(section -> AllSections.declaration(section.value()).check(testMethod.getName()))
                .map(Check::title)
                .orElseGet(() -> super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod));
    }
}
