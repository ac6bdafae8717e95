package org.nodeprocessexporter.sys.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three rtnetlink dumps node_exporter's qdisc and network_route collectors make (through
 * ema/qdisc and jsimonetti/rtnetlink): links (for interface names), queueing disciplines and
 * routes, as the kernel's uapi headers lay them out (linux/rtnetlink.h, linux/if_link.h,
 * linux/pkt_sched.h, linux/gen_stats.h). The parse methods are pure; a message that is too short
 * for its fixed header gives null (counted by the walk).
 */
public final class RtNetlink {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWQDISC = 36;
    static final int RTM_GETQDISC = 38;

    private static final int IFINFOMSG = 16;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_EXT_MASK = 29;
    private static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    private static final int TCMSG = 20;
    private static final int TCA_KIND = 1;
    private static final int TCA_STATS = 3;
    private static final int TCA_STATS2 = 7;
    private static final int TCA_STATS_BASIC = 1;
    private static final int TCA_STATS_QUEUE = 3;

    private static final int RTMSG = 12;
    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RTA_PRIORITY = 6;
    private static final int RTA_PREFSRC = 7;
    private static final int RTA_MULTIPATH = 9;
    private static final int RTA_TABLE = 15;
    private static final int RTNEXTHOP = 8;

    private RtNetlink() {
    }

    /**
     * One queueing discipline, the fields of ema/qdisc's QdiscInfo. {@code parent} is 0 for a root
     * qdisc (the kernel's TC_H_ROOT, 0xffffffff, as the library gives it); the counters are
     * unsigned, packets 32 bits wide as in {@code gnet_stats_basic}.
     */
    public record Qdisc(int ifindex, long handle, long parent, String kind, long bytes, long packets, long drops,
                        long requeues, long overlimits, long qlen, long backlog) {
    }

    /** One next hop of a multipath route ({@code struct rtnexthop} and its RTA_GATEWAY). */
    public record NextHop(int hops, int ifindex, byte[] gateway) {
    }

    /**
     * One route: {@code struct rtmsg} and the attributes jsimonetti/rtnetlink reads; an address
     * absent from the message is null.
     */
    public record Route(int family, int dstLength, int table, int protocol, int scope, int type, byte[] dst,
                        byte[] prefSrc, byte[] gateway, long outIface, long priority, List<NextHop> multipath) {
    }

    /** Interface index to name, from an RTM_GETLINK dump (without the statistics). */
    public static Map<Integer, String> links(NetlinkSocket s) throws IOException {
        Map<Integer, String> names = new HashMap<>();
        ByteBuffer req = NetlinkRequest.dump(RTM_GETLINK).zeros(IFINFOMSG)
                .attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS).build();
        s.exchange(req, (type, b, off, len) -> type != RTM_NEWLINK || parseLink(b, off, len, names));
        return names;
    }

    /** Every qdisc of every interface (RTM_GETQDISC dump, an empty tcmsg as upstream sends it). */
    public static List<Qdisc> qdiscs(NetlinkSocket s) throws IOException {
        List<Qdisc> out = new ArrayList<>();
        s.exchange(NetlinkRequest.dump(RTM_GETQDISC).zeros(TCMSG).build(), (type, b, off, len) -> {
            if (type != RTM_NEWQDISC) {
                return true;
            }
            Qdisc q = parseQdisc(b, off, len);
            return q != null && out.add(q);
        });
        return out;
    }

    /** Every route of every table and family (RTM_GETROUTE dump with an empty rtmsg). */
    public static List<Route> routes(NetlinkSocket s) throws IOException {
        List<Route> out = new ArrayList<>();
        s.exchange(NetlinkRequest.dump(RTM_GETROUTE).zeros(RTMSG).build(), (type, b, off, len) -> {
            if (type != RTM_NEWROUTE) {
                return true;
            }
            Route r = parseRoute(b, off, len);
            return r != null && out.add(r);
        });
        return out;
    }

    /** Adds the link's index and IFLA_IFNAME to {@code names}; false when the message is too short. */
    public static boolean parseLink(ByteBuffer b, int off, int len, Map<Integer, String> names) {
        if (len < IFINFOMSG) {
            return false;
        }
        int index = b.getInt(off + 4);
        NlAttrs a = new NlAttrs(b, off + IFINFOMSG, off + len);
        while (a.next()) {
            if (a.type() == IFLA_IFNAME) {
                names.put(index, a.string());
            }
        }
        return !a.malformed();
    }

    public static Qdisc parseQdisc(ByteBuffer b, int off, int len) {
        if (len < TCMSG) {
            return null;
        }
        int ifindex = b.getInt(off + 4);
        long handle = b.getInt(off + 8) & 0xffffffffL;
        long parent = b.getInt(off + 12) & 0xffffffffL;
        if (parent == 0xffffffffL) {
            parent = 0;
        }
        String kind = "";
        long bytes = 0;
        long packets = 0;
        long drops = 0;
        long requeues = 0;
        long overlimits = 0;
        long qlen = 0;
        long backlog = 0;
        NlAttrs a = new NlAttrs(b, off + TCMSG, off + len);
        while (a.next()) {
            switch (a.type()) {
                case TCA_KIND -> kind = a.string();
                case TCA_STATS2 -> {
                    NlAttrs s = a.nested();
                    // ema/qdisc starts from zeros for each TCA_STATS2
                    bytes = 0;
                    packets = 0;
                    qlen = 0;
                    backlog = 0;
                    drops = 0;
                    requeues = 0;
                    overlimits = 0;
                    while (s.next()) {
                        if (s.type() == TCA_STATS_BASIC) {
                            bytes = s.u64At(0);
                            packets = s.u32At(8);
                        } else if (s.type() == TCA_STATS_QUEUE) {
                            qlen = s.u32At(0);
                            backlog = s.u32At(4);
                            drops = s.u32At(8);
                            requeues = s.u32At(12);
                            overlimits = s.u32At(16);
                        }
                    }
                }
                case TCA_STATS -> { // struct tc_stats, the legacy copy the kernel appends
                    bytes = a.u64At(0);
                    packets = a.u32At(8);
                    drops = a.u32At(12);
                    overlimits = a.u32At(16);
                    qlen = a.u32At(28);
                    backlog = a.u32At(32);
                }
                default -> {
                }
            }
        }
        if (a.malformed()) {
            return null;
        }
        return new Qdisc(ifindex, handle, parent, kind, bytes, packets, drops, requeues, overlimits, qlen, backlog);
    }

    public static Route parseRoute(ByteBuffer b, int off, int len) {
        if (len < RTMSG) {
            return null;
        }
        int family = b.get(off) & 0xff;
        int dstLength = b.get(off + 1) & 0xff;
        int table = b.get(off + 4) & 0xff;
        int protocol = b.get(off + 5) & 0xff;
        int scope = b.get(off + 6) & 0xff;
        int type = b.get(off + 7) & 0xff;
        byte[] dst = null;
        byte[] prefSrc = null;
        byte[] gateway = null;
        long oif = 0;
        long priority = 0;
        List<NextHop> multipath = List.of();
        NlAttrs a = new NlAttrs(b, off + RTMSG, off + len);
        while (a.next()) {
            switch (a.type()) {
                case RTA_DST -> dst = a.bytes();
                case RTA_PREFSRC -> prefSrc = a.bytes();
                case RTA_GATEWAY -> gateway = a.bytes();
                case RTA_OIF -> oif = a.u32();
                case RTA_PRIORITY -> priority = a.u32();
                case RTA_TABLE -> table = (int) a.u32();
                case RTA_MULTIPATH -> {
                    multipath = nextHops(b, a.dataOffset(), a.dataOffset() + a.dataLength());
                    if (multipath == null) {
                        return null;
                    }
                }
                default -> {
                }
            }
        }
        if (a.malformed()) {
            return null;
        }
        return new Route(family, dstLength, table, protocol, scope, type, dst, prefSrc, gateway, oif, priority,
                multipath);
    }

    /** The {@code struct rtnexthop} array of RTA_MULTIPATH; null when one does not fit. */
    private static List<NextHop> nextHops(ByteBuffer b, int start, int end) {
        List<NextHop> hops = new ArrayList<>();
        int pos = start;
        while (pos + RTNEXTHOP <= end) {
            int len = b.getShort(pos) & 0xffff;
            if (len < RTNEXTHOP || pos + len > end) {
                return null;
            }
            int hopCount = b.get(pos + 3) & 0xff;
            int ifindex = b.getInt(pos + 4);
            byte[] gateway = null;
            NlAttrs a = new NlAttrs(b, pos + RTNEXTHOP, pos + len);
            while (a.next()) {
                if (a.type() == RTA_GATEWAY) {
                    gateway = a.bytes();
                }
            }
            if (a.malformed()) {
                return null;
            }
            hops.add(new NextHop(hopCount, ifindex, gateway));
            pos += (len + 3) & ~3;
        }
        return hops;
    }
}
