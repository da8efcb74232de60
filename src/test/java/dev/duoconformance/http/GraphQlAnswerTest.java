package dev.duoconformance.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Shown;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphQlAnswerTest {

    private static GraphQlAnswer answer(int status, String body) {
        return GraphQlAnswer.of(
                Exchange.answered("POST https://gitlab.example.com/api/graphql", status, Map.of(), body, ""));
    }

    @Test
    void aFieldThisVersionLacksIsNamedWithItsType() {
        GraphQlAnswer answer = answer(
                200,
                "{\"errors\":[{\"message\":\"Field 'duoSettings' doesn't exist on type 'Query'\","
                        + "\"locations\":[{\"line\":1,\"column\":9}],\"extensions\":{\"code\":\"undefinedField\"}}]}");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.undefinedField()).contains("Query.duoSettings");
        assertThat(answer.data().isMissingNode())
                .as("validation errors come without data")
                .isTrue();
    }

    @Test
    void nullForAnUnauthorizedCallerIsTellableFromAnAbsentField() {
        GraphQlAnswer answer = answer(
                200,
                "{\"data\":{\"cloudConnectorStatus\":null,\"duoSettings\":{\"aiGatewayUrl\":null}},"
                        + "\"errors\":[{\"message\":\"The resource that you are attempting to access does not exist or you don't have permission "
                        + "to perform this action\",\"path\":[\"cloudConnectorStatus\"]}]}");

        assertThat(answer.notPermitted()).isTrue();
        assertThat(answer.data().path("cloudConnectorStatus").isNull()).isTrue();
        assertThat(answer.data().path("duoSettings").path("aiGatewayUrl").isNull())
                .isTrue();
        assertThat(answer.data()
                        .path("duoSettings")
                        .path("duoAgentPlatformServiceUrl")
                        .isMissingNode())
                .isTrue();
        assertThat(answer.outcome()).startsWith("GraphQL errors: The resource");
    }

    @Test
    void anHttpFailureIsNotAGraphQlAnswer() {
        GraphQlAnswer unauthorized = answer(401, "{\"message\":\"401 Unauthorized\"}");
        GraphQlAnswer htmlPage = answer(200, "<html>Sign in</html>");

        assertThat(unauthorized.answered()).isFalse();
        assertThat(unauthorized.errors()).isEmpty();
        assertThat(Shown.plain(unauthorized.outcome(), text -> text))
                .isEqualTo("HTTP 401 {\"message\":\"401 Unauthorized\"}");
        assertThat(htmlPage.answered()).isFalse();
        assertThat(htmlPage.data().isMissingNode()).isTrue();
    }
}
