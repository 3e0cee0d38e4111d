package dev.flinkoperator.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which local Flink distribution stands in for a container image. */
final class FlinkImages {
    /** Flink versions the build assembles from Maven Central (src/test/flink/pom.xml), by major version. */
    static final String FLINK_1 = "1.20.0";
    static final String FLINK_2 = "2.3.0";
    // [registry/][library/|apache/]flink[:tag]; the tag's leading major version picks the distribution
    private static final Pattern FLINK_IMAGE = Pattern.compile("^(?:[^/]+/)*flink(?::(\\d+)[^@]*)?(?:@.*)?$");

    private FlinkImages() {
    }

    /** @return the local Flink version that runs this image, or null when the image is not Flink's */
    static String versionFor(String image) {
        if (image == null) {
            return null;
        }
        Matcher m = FLINK_IMAGE.matcher(image.trim());
        if (!m.matches()) {
            return null;
        }
        String major = m.group(1);
        if (major == null) {
            return FLINK_2; // "flink" or "flink:latest"
        }
        return switch (major) {
            case "1" -> FLINK_1;
            case "2" -> FLINK_2;
            default -> null;
        };
    }
}
