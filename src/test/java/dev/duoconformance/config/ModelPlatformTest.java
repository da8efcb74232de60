package dev.duoconformance.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelPlatformTest {

    @Test
    void thePlatformIsInferredFromTheIdentifiersProvider() {
        assertThat(ModelPlatform.fromIdentifier(Optional.of("azure/gpt-4o"))).isEqualTo(ModelPlatform.AZURE);
        assertThat(ModelPlatform.fromIdentifier(Optional.of("bedrock/us.meta.llama3-3-70b-instruct-v1:0")))
                .isEqualTo(ModelPlatform.BEDROCK);
        assertThat(ModelPlatform.fromIdentifier(
                        Optional.of("arn:aws:bedrock:us-east-2:1:application-inference-profile/a")))
                .isEqualTo(ModelPlatform.BEDROCK);
        assertThat(ModelPlatform.fromIdentifier(Optional.of("ollama_chat/llama3")))
                .isEqualTo(ModelPlatform.OLLAMA);
        assertThat(ModelPlatform.fromIdentifier(Optional.of("custom_openai/Mistral-7B")))
                .isEqualTo(ModelPlatform.OPENAI_COMPATIBLE);
        assertThat(ModelPlatform.fromIdentifier(Optional.empty())).isEqualTo(ModelPlatform.OPENAI_COMPATIBLE);
    }

    @Test
    void aDeclaredPlatformMustFitTheIdentifiersProvider() {
        assertThat(ModelPlatform.VLLM.fits(Optional.of("custom_openai/x"))).isTrue();
        assertThat(ModelPlatform.OLLAMA.fits(Optional.empty())).isTrue();
        assertThat(ModelPlatform.VLLM.fits(Optional.of("azure/gpt-4o"))).isFalse();
        assertThat(ModelPlatform.AZURE.fits(Optional.of("custom_openai/x"))).isFalse();
    }

    @Test
    void vllmIsRecognisedByItsModelListing() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(ModelPlatform.servesAsVllm(json.readTree("{\"data\":[{\"id\":\"m\",\"owned_by\":\"vllm\"}]}")))
                .isTrue();
        assertThat(ModelPlatform.servesAsVllm(
                        json.readTree("{\"data\":[{\"id\":\"m\",\"owned_by\":\"organization-owner\"}]}")))
                .isFalse();
    }
}
