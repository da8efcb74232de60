package dev.duoconformance.junit;

import dev.duoconformance.http.GitLabClient;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the GitLab API a check reads, the GitLab versions that have it and the tokens it needs. Before the check
 * runs, {@link ConformanceExtension} makes it "not checked" with the reason when a token is missing or unusable, or
 * when the instance's version lies outside {@code [since, until)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GitLabApi {
    /** The API as a person reads it in a reason, e.g. {@code duoSettings.aiGatewayUrl}. */
    String value();

    /** The first GitLab version with the API (inclusive); empty for every supported version. */
    String since() default "";

    /** The first GitLab version without it; empty when it still exists. */
    String until() default "";

    /** The identities whose tokens the check sends. */
    GitLabClient.Identity[] needs();
}
