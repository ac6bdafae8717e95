package org.nodeprocessexporter.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * supervisord's XML-RPC interface, the one call node_exporter makes:
 * {@code supervisor.getAllProcessInfo}, whose answer is an array of structs, one per process.
 * Not thread-safe (one call at a time).
 */
public final class SupervisordClient {
    private static final byte[] GET_ALL_PROCESS_INFO = XmlRpc.call("supervisor.getAllProcessInfo");

    /** One process as supervisord describes it; a member the struct lacks is "" or 0. */
    public record ProcessInfo(String name, String group, long start, long state, String stateName, long exitStatus,
                              long pid) {
    }

    private final HttpEndpoint endpoint;
    private final Duration timeout;
    private final XmlRpc xmlRpc = new XmlRpc();

    public SupervisordClient(HttpEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    public List<ProcessInfo> allProcessInfo() throws IOException {
        Object result = xmlRpc.response(endpoint.post(GET_ALL_PROCESS_INFO, "text/xml", timeout));
        if (!(result instanceof List<?> processes)) {
            throw new XmlRpc.XmlRpcException("getAllProcessInfo returned no array");
        }
        List<ProcessInfo> out = new ArrayList<>(processes.size());
        for (Object p : processes) {
            if (!(p instanceof Map<?, ?> m)) {
                throw new XmlRpc.XmlRpcException("getAllProcessInfo returned an array of something else than structs");
            }
            out.add(new ProcessInfo(string(m, "name"), string(m, "group"), integer(m, "start"), integer(m, "state"),
                    string(m, "statename"), integer(m, "exitstatus"), integer(m, "pid")));
        }
        return out;
    }

    private static String string(Map<?, ?> m, String member) throws XmlRpc.XmlRpcException {
        Object v = m.get(member);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw new XmlRpc.XmlRpcException("process info member " + member + " is no string: " + v);
        }
        return s;
    }

    private static long integer(Map<?, ?> m, String member) throws XmlRpc.XmlRpcException {
        Object v = m.get(member);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Long l)) {
            throw new XmlRpc.XmlRpcException("process info member " + member + " is no int: " + v);
        }
        return l;
    }
}
