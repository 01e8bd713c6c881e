package io.sparkdistill.config;

import java.util.ServiceLoader;

/**
 * Whether an API teacher's endpoint and sampling parameters are usable as written, judged by the API client that
 * will use them (the URL's shape, the key's source, Azure's api-version, the parameters' ranges). The client lives in
 * {@code io.sparkdistill.teacher.api}, which depends on this package, so its rules are found with
 * {@link ServiceLoader} ({@code META-INF/services/io.sparkdistill.config.ApiTeacherRules}), as {@link TaskKeyRules}
 * are.
 */
public interface ApiTeacherRules {

    /** Records every problem of {@code teacher}'s endpoint and generation under {@code problems}' section. */
    void problems(ApiTeacherConfig teacher, ConfigProblems problems);

    /** The rules on the class path. */
    static ApiTeacherRules installed() {
        return ServiceLoader.load(ApiTeacherRules.class, ApiTeacherRules.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no API teacher rules on the class path: "
                        + "META-INF/services/" + ApiTeacherRules.class.getName() + " must list them"));
    }
}
