package org.nodeprocessexporter.dbus;

import org.nodeprocessexporter.Log;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's provider for dbus-java, the only library here that logs through SLF4J: its warnings and
 * errors go to our log at debug level, the rest nowhere. Without a provider SLF4J prints three
 * lines of its own on stderr; and the collectors report a failed call themselves, once per scrape,
 * so dbus-java's own account of it must not add lines at the default level. Its debug output is
 * one line per D-Bus message, too much even for debug.
 */
public final class Slf4jBridge implements SLF4JServiceProvider, ILoggerFactory {
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return this;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    @Override
    public Logger getLogger(String name) {
        return new ToLog(name);
    }

    private static final class ToLog extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        ToLog(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return Log.enabled(Log.Level.DEBUG);
        }

        @Override
        public boolean isErrorEnabled() {
            return Log.enabled(Log.Level.DEBUG);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                Throwable t) {
            Log.debug(MessageFormatter.basicArrayFormat(pattern, args), "logger", name, "level",
                    level.toString().toLowerCase(java.util.Locale.ROOT), "err", t == null ? "" : String.valueOf(t));
        }
    }
}
