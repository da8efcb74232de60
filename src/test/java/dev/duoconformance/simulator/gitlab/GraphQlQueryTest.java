package dev.duoconformance.simulator.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duoconformance.simulator.server.SimServer;
import org.junit.jupiter.api.Test;

class GraphQlQueryTest {

    @Test
    void readsNestedSelectionsArgumentsAndVariables() throws Exception {
        GraphQlQuery.Operation operation = GraphQlQuery.parse(
                "mutation($name: String!, $model: AiAcceptedSelfHostedModels!) { aiSelfHostedModelConnectionCheck("
                        + "input: {name: $name, model: $model, endpoint: \"http://vllm:8000/v1\"}) { result { name success } errors } }",
                SimServer.JSON.readTree("{\"name\":\"mistral-7b\",\"model\":\"MISTRAL\"}"));

        assertThat(operation.kind()).isEqualTo("mutation");
        GraphQlQuery.Field check = operation.fields().get(0);
        assertThat(check.name()).isEqualTo("aiSelfHostedModelConnectionCheck");
        assertThat(check.arguments().get("input").toString())
                .isEqualTo("{\"name\":\"mistral-7b\",\"model\":\"MISTRAL\",\"endpoint\":\"http://vllm:8000/v1\"}");
        assertThat(check.selection()).extracting(GraphQlQuery.Field::name).containsExactly("result", "errors");
        assertThat(check.selection().get(0).selection())
                .extracting(GraphQlQuery.Field::name)
                .containsExactly("name", "success");
    }

    @Test
    void anAnonymousQueryWithListsEnumsAndComments() {
        GraphQlQuery.Operation operation = GraphQlQuery.parse(
                "{\n  # the seat\n  selfManagedAddOnEligibleUsers(addOnType: DUO_ENTERPRISE, addOnPurchaseIds: [\"gid://a/1\"]) { nodes { username } }\n}",
                null);

        GraphQlQuery.Field users = operation.fields().get(0);
        assertThat(operation.kind()).isEqualTo("query");
        assertThat(users.arguments().get("addOnType").asText()).isEqualTo("DUO_ENTERPRISE");
        assertThat(users.arguments().get("addOnPurchaseIds").get(0).asText()).isEqualTo("gid://a/1");
        assertThat(users.line()).isEqualTo(3);
    }

    @Test
    void malformedQueriesAreSyntaxErrors() {
        assertThatThrownBy(() -> GraphQlQuery.parse("query { currentUser { username }", null))
                .isInstanceOf(GraphQlQuery.SyntaxError.class);
        assertThatThrownBy(() -> GraphQlQuery.parse("subscription { x }", null))
                .isInstanceOf(GraphQlQuery.SyntaxError.class);
    }
}
