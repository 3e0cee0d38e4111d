package dev.flinkoperator.resources;

/** Console logging for Flink processes when the spec gives no logConfiguration. */
final class DefaultLogConfig {
    static final String LOG4J_FILE = "log4j-console.properties";
    static final String LOGBACK_FILE = "logback-console.xml";

    static final String LOG4J_CONSOLE = String.join("\n",
            "# Logs to the console (kubectl logs) and to the file the Flink web UI shows.",
            "monitorInterval = 30",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.console.ref = ConsoleAppender",
            "rootLogger.appenderRef.rolling.ref = RollingFileAppender",
            "logger.pekko.name = org.apache.pekko",
            "logger.pekko.level = INFO",
            "logger.kafka.name = org.apache.kafka",
            "logger.kafka.level = INFO",
            "logger.hadoop.name = org.apache.hadoop",
            "logger.hadoop.level = WARN",
            "logger.zookeeper.name = org.apache.zookeeper",
            "logger.zookeeper.level = INFO",
            "logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline",
            "logger.netty.level = OFF",
            "appender.console.name = ConsoleAppender",
            "appender.console.type = CONSOLE",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
            "appender.rolling.name = RollingFileAppender",
            "appender.rolling.type = RollingFile",
            "appender.rolling.append = true",
            "appender.rolling.fileName = ${sys:log.file}",
            "appender.rolling.filePattern = ${sys:log.file}.%i",
            "appender.rolling.layout.type = PatternLayout",
            "appender.rolling.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
            "appender.rolling.policies.type = Policies",
            "appender.rolling.policies.size.type = SizeBasedTriggeringPolicy",
            "appender.rolling.policies.size.size = 100MB",
            "appender.rolling.strategy.type = DefaultRolloverStrategy",
            "appender.rolling.strategy.max = 5",
            "") ;

    private DefaultLogConfig() {
    }
}
