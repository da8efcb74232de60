package dev.duoconformance.http;

import dev.duoconformance.config.Environment;
import dev.duoconformance.config.Secret;
import dev.duoconformance.config.SuiteVersion;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.DecoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.ProxySpecification;
import java.net.URI;

/**
 * The one factory of REST Assured request specs, one method per component. Each spec carries the base URL,
 * credentials, timeouts, TLS trust and proxy of the environment; nothing is set on REST Assured's static fields.
 */
public final class RequestSpecs {
    public static final String USER_AGENT = "duo-conformance/" + SuiteVersion.SUITE;

    private final Environment.Http http;
    private final TrustMaterial trust;

    public RequestSpecs(Environment.Http http, TrustMaterial trust) {
        this.http = http;
        this.trust = trust;
    }

    public Endpoint aiGateway(URI url) {
        return new Endpoint("aigw", url, base(url).build());
    }

    public Endpoint model(Environment.Model model) {
        URI endpoint = model.endpoint().orElseThrow();
        RequestSpecBuilder spec = base(endpoint);
        if (model.apiKey().isPresent()) {
            spec.addHeader("Authorization", "Bearer " + model.apiKey().reveal());
        }
        return new Endpoint("model", endpoint, spec.build());
    }

    public Endpoint gitlab(URI url, Secret token) {
        RequestSpecBuilder spec = base(url);
        if (token.isPresent()) {
            spec.addHeader("PRIVATE-TOKEN", token.reveal());
        }
        return new Endpoint("gitlab", url, spec.build());
    }

    /**
     * GitLab's API with a CI/CD job token ({@code JOB-TOKEN}, the header GitLab's job artifacts API documents for
     * {@code CI_JOB_TOKEN}) or, when {@code jobToken} is false, a personal, project or group access token ({@code PRIVATE-TOKEN}).
     */
    public Endpoint gitlabApi(URI url, Secret token, boolean jobToken) {
        RequestSpecBuilder spec = base(url);
        if (token.isPresent()) {
            spec.addHeader(jobToken ? "JOB-TOKEN" : "PRIVATE-TOKEN", token.reveal());
        }
        return new Endpoint("gitlab", url, spec.build());
    }

    /** A URL GitLab redirected a download to (object storage, a CDN): no credentials go there. */
    public Endpoint withoutCredentials(String component, URI url) {
        return new Endpoint(component, url, base(url).build());
    }

    private RequestSpecBuilder base(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        RequestSpecBuilder spec = new RequestSpecBuilder()
                .setBaseUri(url.getScheme() + "://" + url.getRawAuthority())
                .setBasePath(path)
                .setUrlEncodingEnabled(false)
                .setAccept(ContentType.JSON)
                // Lets an administrator find the suite's requests in the components' logs.
                .addHeader("User-Agent", USER_AGENT)
                .setConfig(config());
        http.proxies()
                .forUrl(url)
                .ifPresent(proxy -> spec.setProxy(ProxySpecification.host(proxy.getHost())
                        .withPort(proxy.getPort() == -1 ? 80 : proxy.getPort())
                        .withScheme(proxy.getScheme())));
        return spec;
    }

    private RestAssuredConfig config() {
        SSLConfig ssl = http.insecure()
                ? SSLConfig.sslConfig().relaxedHTTPSValidation()
                : SSLConfig.sslConfig().trustStore(trust.trustStore());
        return RestAssuredConfig.config()
                .sslConfig(ssl)
                // A redirect is an answer to report (a login page, a moved instance), never one to follow silently.
                .redirect(RedirectConfig.redirectConfig().followRedirects(false))
                // BoundedBodies decodes gzip and deflate itself, so that its bound counts the decompressed bytes.
                .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders())
                .httpClient(HttpClientConfig.httpClientConfig()
                        .httpClientFactory(BoundedBodies::client)
                        .setParam("http.connection.timeout", (int)
                                http.connectTimeout().toMillis())
                        .setParam("http.socket.timeout", (int)
                                http.requestTimeout().toMillis()));
    }
}
