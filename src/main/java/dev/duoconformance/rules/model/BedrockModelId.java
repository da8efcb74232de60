package dev.duoconformance.rules.model;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.ModelKind;
import dev.duoconformance.rules.Sections;

/**
 * Section bedrock-model-id: "Invocation of model ID meta… isn't supported" comes from a bare model id that Bedrock
 * serves only through an inference profile; an ARN without the {@code bedrock/} prefix reaches no Bedrock at all. Read from the identifier alone ({@link BedrockIdentifier}); sends nothing.
 */
public final class BedrockModelId {
    /** The identifier names a model Bedrock serves on demand, or an inference profile where it needs one. */
    public static final Check<BedrockModelId> IDENTIFIER = Check.forEachModel(
            "identifierHasRegionPrefix",
            "The Bedrock identifier names a model Bedrock serves on demand, or an inference profile where it needs one",
            ModelKind.BEDROCK,
            Gate.NONE,
            BedrockModelId::identifier);

    public static final Declaration<BedrockModelId> SECTION = Declaration.of(
                    Sections.BEDROCK_MODEL_ID, probes -> new BedrockModelId())
            .checks(IDENTIFIER);

    private Condition identifier(Environment.Model model) {
        String identifier = model.identifier().orElse("");
        if (BedrockIdentifier.isArnWithoutProvider(identifier)) {
            return Condition.broken(new Failure(
                    Sections.BEDROCK_MODEL_ID,
                    "arn-without-provider-prefix",
                    "identifier of model '" + model.name() + "'",
                    "bedrock/" + identifier + " (the AI gateway reads the provider before the first '/')",
                    identifier));
        }
        return BedrockIdentifier.requiredInstead(identifier)
                .<Condition>map(expected -> Condition.broken(new Failure(
                        Sections.BEDROCK_MODEL_ID,
                        "missing-region-prefix",
                        "identifier of model '" + model.name() + "'",
                        expected,
                        identifier)))
                .orElseGet(Condition::holds);
    }
}
