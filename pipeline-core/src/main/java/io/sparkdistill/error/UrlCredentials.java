package io.sparkdistill.error;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the credentials a URL can carry, in any text that may hold one: the user and password before the host
 * ({@code https://user:password@host}) and the values of query parameters that name a key, a token, a signature or
 * a password ({@code api-key=}, {@code key=}, {@code sig=}, {@code code=}, as Azure and API gateways use). It works
 * on text rather than on a parsed URL so that it also cleans messages about URLs that do not parse. What it
 * produces is stable under rotation, so it can stand for the URL in a fingerprint.
 */
public final class UrlCredentials {
    static final String MASK = "****";
    /** Everything between the scheme and the last {@code @} before the path: a password may hold a raw {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#\\s]*@");
    private static final Pattern PARAMETER = Pattern.compile("(?<=[?&;])([^=&;#?\\s]+)=([^&;#\\s\"'<>]*)");
    private static final String[] SECRET_WORDS = {"key", "token", "secret", "password", "passwd", "signature",
            "credential", "auth"};

    private UrlCredentials() {
    }

    /** The text with every URL's user info and secret query values replaced by {@code ****}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutUsers = USER_INFO.matcher(text).replaceAll(MASK + "@");
        Matcher parameter = PARAMETER.matcher(withoutUsers);
        StringBuilder out = new StringBuilder();
        while (parameter.find()) {
            String replacement = isSecretName(parameter.group(1)) ? parameter.group(1) + "=" + MASK
                    : parameter.group();
            parameter.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        parameter.appendTail(out);
        return out.toString();
    }

    /** Whether a query parameter of this name carries a credential; generous, as masking too much costs nothing. */
    static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("sig") || n.equals("code")) {
            return true;
        }
        for (String word : SECRET_WORDS) {
            if (n.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
