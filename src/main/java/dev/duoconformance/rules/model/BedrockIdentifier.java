package dev.duoconformance.rules.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Bedrock model identifiers as the AI gateway passes them to Bedrock. A cross-region inference profile
 * ({@code bedrock/<prefix>.<model-id>}) and an ARN behind {@code bedrock/} are always valid; a bare model id is valid
 * unless Bedrock serves that model only through inference profiles (the list in {@code bedrock/inference-profile-only.txt},
 * with its source). The doc's own {@code bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0} needs no region prefix.
 * An ARN without {@code bedrock/} is never valid: the AI gateway takes the identifier's provider from before its first
 * slash (ai_gateway/model_metadata.py {@code ModelMetadata.to_params}, {@code identifier.partition("/")}), so a bare ARN's
 * provider would be {@code arn:aws:bedrock:<region>:<account>:inference-profile}, which LiteLLM does not know
 * (configure_duo_features.md gives the form {@code bedrock/<model ID of the model>}).
 */
public final class BedrockIdentifier {
    private static final Pattern PROFILE =
            Pattern.compile("bedrock/(us|us-gov|eu|apac|jp|au|ca|global)\\.[a-z0-9-]+\\.\\S+");
    private static final Pattern ARN = Pattern.compile(
            "bedrock/arn:aws(-[a-z]+)?:bedrock:[a-z0-9-]+:\\d*:"
                    + "(inference-profile|application-inference-profile|provisioned-model|foundation-model|imported-model|custom-model)/\\S+");
    private static final Pattern BARE = Pattern.compile("bedrock/([a-z0-9-]+\\.\\S+)");
    private static final Set<String> PROFILE_ONLY = load("bedrock/inference-profile-only.txt");

    private BedrockIdentifier() {}

    /** An ARN without the {@code bedrock/} provider prefix, which the AI gateway cannot route to Bedrock. */
    public static boolean isArnWithoutProvider(String identifier) {
        return identifier.startsWith("arn:aws");
    }

    /**
     * The identifier Bedrock needs instead, when this one cannot be invoked on demand; empty when it is valid.
     * An identifier that is no Bedrock model id at all is returned unchanged as the expectation's form.
     */
    public static Optional<String> requiredInstead(String identifier) {
        if (PROFILE.matcher(identifier).matches() || ARN.matcher(identifier).matches()) {
            return Optional.empty();
        }
        Matcher bare = BARE.matcher(identifier);
        if (!bare.matches()) {
            return Optional.of("bedrock/{model-id}, bedrock/{region}.{model-id} or an inference profile ARN");
        }
        String modelId = bare.group(1);
        return PROFILE_ONLY.contains(modelId)
                ? Optional.of("bedrock/{region}." + modelId + " (Bedrock serves " + modelId
                        + " only through inference profiles)")
                : Optional.empty();
    }

    private static Set<String> load(String resource) {
        var stream = BedrockIdentifier.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException(resource + " is missing from the suite's resources");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
