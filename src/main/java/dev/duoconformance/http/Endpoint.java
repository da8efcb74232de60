package dev.duoconformance.http;

import io.restassured.specification.RequestSpecification;
import java.net.URI;

/** A component as the suite reaches it: its name (gitlab, aigw, model), its base URL, and the request spec for it. */
public record Endpoint(String component, URI base, RequestSpecification spec) {

    public String url(String path) {
        String root = base.toString().replaceAll("/+$", "");
        return root + (path.startsWith("/") ? path : "/" + path);
    }
}
