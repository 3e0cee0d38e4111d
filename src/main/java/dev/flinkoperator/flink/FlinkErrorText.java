package dev.flinkoperator.flink;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Short text for what Flink reports as a stack trace. Flink's error answers and failure causes are whole server-side
 * stack traces (500s wrapped in "<Exception on server side: ... End of exception on server side>"); status fields and
 * events need the first line and the root cause, not hundreds of "at ..." lines.
 */
final class FlinkErrorText {
    private static final String SERVER_SIDE_START = "<Exception on server side:";
    private static final String SERVER_SIDE_END = "End of exception on server side>";
    private static final String CAUSED_BY = "Caused by: ";

    private FlinkErrorText() {
    }

    static String summary(List<String> errors) {
        return errors.stream().map(FlinkErrorText::summary).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("; "));
    }

    /** First line of a stack trace, plus its innermost cause when there is one. */
    static String summary(String stackTrace) {
        if (stackTrace == null) {
            return "";
        }
        List<String> lines = stackTrace.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.equals(SERVER_SIDE_START) && !l.equals(SERVER_SIDE_END))
                .toList();
        if (lines.isEmpty()) {
            return "";
        }
        String first = lines.get(0).startsWith(SERVER_SIDE_START)
                ? lines.get(0).substring(SERVER_SIDE_START.length()).strip() : lines.get(0);
        String rootCause = null;
        for (String line : lines) {
            if (line.startsWith(CAUSED_BY)) {
                rootCause = line.substring(CAUSED_BY.length());
            }
        }
        return rootCause == null || first.contains(rootCause) ? first : first + " Caused by: " + rootCause;
    }
}
