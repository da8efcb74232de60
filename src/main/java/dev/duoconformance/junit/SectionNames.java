package dev.duoconformance.junit;

import java.lang.reflect.Method;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A check class is named by its section's id, so the JUnit XML that GitLab's test report shows reads "section id, check
 * sentence" (the sentence is each check's {@code @DisplayName}); the doc's heading is the catalogue's, in the run's language.
 */
public final class SectionNames extends DisplayNameGenerator.Standard {
    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, DocSection.class).map(DocSection::value)
                .orElseGet(() -> super.generateDisplayNameForClass(testClass));
    }
}
