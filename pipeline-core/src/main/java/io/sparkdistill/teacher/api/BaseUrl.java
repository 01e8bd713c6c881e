package io.sparkdistill.teacher.api;

import io.sparkdistill.error.UrlCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * An endpoint's {@code base_url}, parsed once for its three uses: where requests go (its path extended, its query
 * kept, as some gateways take their key there), the Basic credentials of its user info (the JDK's HTTP client
 * ignores {@code user:password@}, while curl, browsers and Python's requests send it as Basic auth, which is what a
 * reverse proxy in front of vLLM or Ollama expects), and its redacted text for logs, provenance and fingerprints.
 */
final class BaseUrl {
    private final URI uri;

    private BaseUrl(URI uri) {
        this.uri = uri;
    }

    /**
     * @throws IllegalArgumentException when the text is not an http(s) URL with a host; the message shows the text
     *                                  with its credentials masked
     */
    static BaseUrl parse(String text) {
        String shown = UrlCredentials.redact(text);
        if (text == null || !(text.startsWith("http://") || text.startsWith("https://"))) {
            throw new IllegalArgumentException("teacher endpoint baseUrl must start with http:// or https://, got '"
                    + shown + "'");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("teacher endpoint baseUrl is not a URL (" + e.getReason() + " at "
                    + "index " + e.getIndex() + "): '" + shown + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("teacher endpoint baseUrl has no host name Java accepts (letters, "
                    + "digits, '-' and '.'; no '_', as in some container names): '" + shown + "'");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("teacher endpoint baseUrl must not have a #fragment: '" + shown + "'");
        }
        return new BaseUrl(uri);
    }

    /** The URL as configured, without a trailing slash on its path. */
    String text() {
        return uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                + hostAndPort() + path() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The URL with {@code path} appended to its path and {@code query} (raw, may be null) after its own query. */
    URI resolve(String path, String query) {
        String joined = uri.getRawQuery() == null ? query
                : query == null ? uri.getRawQuery() : uri.getRawQuery() + "&" + query;
        return URI.create(uri.getScheme() + "://" + hostAndPort() + path() + path
                + (joined == null ? "" : "?" + joined));
    }

    boolean hasUserInfo() {
        return uri.getRawUserInfo() != null;
    }

    /** {@code Basic base64(user:password)} from the user info, decoded first as RFC 3986 asks; empty without. */
    Optional<String> basicAuthorization() {
        String userInfo = uri.getUserInfo();
        if (userInfo == null) {
            return Optional.empty();
        }
        String credentials = userInfo.contains(":") ? userInfo : userInfo + ":";
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** The text with user info and secret query values masked: for logs, provenance and the teacher fingerprint. */
    String redacted() {
        return UrlCredentials.redact(text());
    }

    private String hostAndPort() {
        return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private String path() {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public String toString() {
        return redacted();
    }
}
