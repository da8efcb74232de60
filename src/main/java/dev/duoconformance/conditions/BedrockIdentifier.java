package dev.duoconformance.conditions;

import java.util.regex.Pattern;

/** Bedrock model identifiers as the doc requires them: {@code bedrock/<region>.<model-id>}, an inference profile. */
public final class BedrockIdentifier {
    private static final Pattern REGION_PREFIXED = Pattern.compile("bedrock/(us|us-gov|eu|apac|jp|au|ca|global)\\.[a-z0-9-]+\\.\\S+");

    private BedrockIdentifier() {}

    public static boolean hasRegionPrefix(String identifier) {
        return REGION_PREFIXED.matcher(identifier).matches();
    }
}
