package org.nodeprocessexporter.sys.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The nl80211 generic netlink family, read as mdlayher/wifi reads it for node_exporter's wifi
 * collector: the interface dump (NL80211_CMD_GET_INTERFACE), the station dump of one interface
 * (NL80211_CMD_GET_STATION) and the BSS the interface is in (the entry of the scan dump,
 * NL80211_CMD_GET_SCAN, that carries a status). Constants from include/uapi/linux/nl80211.h.
 */
public final class Nl80211 {
    public static final String FAMILY = "nl80211";

    private static final int CMD_GET_INTERFACE = 5;
    private static final int CMD_GET_STATION = 17;
    private static final int CMD_GET_SCAN = 32;

    private static final int ATTR_WIPHY = 1;
    private static final int ATTR_IFINDEX = 3;
    private static final int ATTR_IFNAME = 4;
    private static final int ATTR_IFTYPE = 5;
    private static final int ATTR_MAC = 6;
    private static final int ATTR_STA_INFO = 21;
    private static final int ATTR_WIPHY_FREQ = 38;
    private static final int ATTR_BSS = 47;
    private static final int ATTR_WDEV = 153;

    private static final int STA_INFO_INACTIVE_TIME = 1;
    private static final int STA_INFO_RX_BYTES = 2;
    private static final int STA_INFO_TX_BYTES = 3;
    private static final int STA_INFO_SIGNAL = 7;
    private static final int STA_INFO_TX_BITRATE = 8;
    private static final int STA_INFO_TX_RETRIES = 11;
    private static final int STA_INFO_TX_FAILED = 12;
    private static final int STA_INFO_RX_BITRATE = 14;
    private static final int STA_INFO_CONNECTED_TIME = 16;
    private static final int STA_INFO_BEACON_LOSS = 18;
    private static final int STA_INFO_RX_BYTES64 = 23;
    private static final int STA_INFO_TX_BYTES64 = 24;

    private static final int RATE_INFO_BITRATE = 1;
    private static final int RATE_INFO_BITRATE32 = 5;

    private static final int BSS_BSSID = 1;
    private static final int BSS_INFORMATION_ELEMENTS = 6;
    private static final int BSS_STATUS = 9;
    private static final int IE_SSID = 0;

    /** A WiFi interface; {@code frequency} in MHz, {@code name} empty for a device without one. */
    public record Interface(int index, String name, byte[] mac, int phy, int type, long device, int frequency) {
    }

    /**
     * One station of an interface: seconds connected and inactive, bits per second, dBm.
     */
    public record Station(byte[] mac, double connectedSeconds, double inactiveSeconds, long receiveBitrate,
                          long transmitBitrate, long receivedBytes, long transmittedBytes, int signal,
                          long transmitRetries, long transmitFailed, long beaconLoss) {
    }

    /** The BSS an interface is in; {@code status} is NL80211_BSS_STATUS as the kernel gives it. */
    public record Bss(String ssid, byte[] bssid, int status) {
    }

    private final NetlinkSocket socket;
    private final GenericNetlink.Family family;

    private Nl80211(NetlinkSocket socket, GenericNetlink.Family family) {
        this.socket = socket;
        this.family = family;
    }

    /** nl80211 over a generic netlink socket; null when this kernel has no nl80211 (no WiFi driver). */
    public static Nl80211 open(NetlinkSocket genericSocket) throws IOException {
        GenericNetlink.Family f = GenericNetlink.resolve(genericSocket, FAMILY);
        return f == null ? null : new Nl80211(genericSocket, f);
    }

    public List<Interface> interfaces() throws IOException {
        List<Interface> out = new ArrayList<>();
        ByteBuffer req = GenericNetlink.request(family.id(), NetlinkRequest.NLM_F_DUMP, CMD_GET_INTERFACE,
                family.version()).build();
        socket.exchange(req, (type, b, off, len) -> {
            Interface i = parseInterface(b, off, len);
            return i != null && out.add(i);
        });
        return out;
    }

    /**
     * The stations of interface {@code ifindex}; null when a reply has no station information
     * (mdlayher/wifi's "not exist", which upstream logs and skips).
     */
    public List<Station> stations(int ifindex) throws IOException {
        List<Station> out = new ArrayList<>();
        boolean[] missing = new boolean[1];
        ByteBuffer req = GenericNetlink.request(family.id(), NetlinkRequest.NLM_F_DUMP, CMD_GET_STATION,
                family.version()).attrU32(ATTR_IFINDEX, ifindex).build();
        socket.exchange(req, (type, b, off, len) -> {
            if (len < GenericNetlink.HEADER) {
                return false;
            }
            Station s = parseStation(b, off + GenericNetlink.HEADER, off + len);
            if (s == null) {
                missing[0] = true;
                return true;
            }
            return out.add(s);
        });
        return missing[0] ? null : out;
    }

    /** The BSS of interface {@code ifindex}, or null when no scan entry has a status (not associated). */
    public Bss bss(int ifindex) throws IOException {
        Bss[] found = new Bss[1];
        ByteBuffer req = GenericNetlink.request(family.id(), NetlinkRequest.NLM_F_DUMP, CMD_GET_SCAN,
                family.version()).attrU32(ATTR_IFINDEX, ifindex).build();
        socket.exchange(req, (type, b, off, len) -> {
            if (len < GenericNetlink.HEADER) {
                return false;
            }
            if (found[0] == null) {
                found[0] = parseBss(b, off + GenericNetlink.HEADER, off + len);
            }
            return true;
        });
        return found[0];
    }

    /** A GET_INTERFACE reply (with its generic netlink header); null when too short or malformed. */
    public static Interface parseInterface(ByteBuffer b, int off, int len) {
        if (len < GenericNetlink.HEADER) {
            return null;
        }
        int index = 0;
        String name = "";
        byte[] mac = null;
        int phy = 0;
        int type = 0;
        long device = 0;
        int frequency = 0;
        NlAttrs a = new NlAttrs(b, off + GenericNetlink.HEADER, off + len);
        while (a.next()) {
            switch (a.type()) {
                case ATTR_IFINDEX -> index = (int) a.u32();
                case ATTR_IFNAME -> name = a.string();
                case ATTR_MAC -> mac = a.bytes();
                case ATTR_WIPHY -> phy = (int) a.u32();
                case ATTR_IFTYPE -> type = (int) a.u32();
                case ATTR_WDEV -> device = a.u64();
                case ATTR_WIPHY_FREQ -> frequency = (int) a.u32();
                default -> {
                }
            }
        }
        return a.malformed() ? null : new Interface(index, name, mac, phy, type, device, frequency);
    }

    /**
     * A station from the attributes {@code b[start, end)}: the MAC before NL80211_ATTR_STA_INFO and
     * the station information in it, as mdlayher/wifi reads them (it stops at STA_INFO). Null when
     * there is no STA_INFO.
     */
    public static Station parseStation(ByteBuffer b, int start, int end) {
        byte[] mac = null;
        NlAttrs a = new NlAttrs(b, start, end);
        while (a.next()) {
            if (a.type() == ATTR_MAC) {
                mac = a.bytes();
            } else if (a.type() == ATTR_STA_INFO) {
                return stationInfo(mac, a.nested());
            }
        }
        return null;
    }

    private static Station stationInfo(byte[] mac, NlAttrs a) {
        long connected = 0;
        long inactive = 0;
        long rxBytes = 0;
        long txBytes = 0;
        int signal = 0;
        long retries = 0;
        long failed = 0;
        long beaconLoss = 0;
        long rxRate = 0;
        long txRate = 0;
        while (a.next()) {
            switch (a.type()) {
                case STA_INFO_CONNECTED_TIME -> connected = a.u32();
                case STA_INFO_INACTIVE_TIME -> inactive = a.u32();
                case STA_INFO_RX_BYTES64 -> rxBytes = a.u64();
                case STA_INFO_TX_BYTES64 -> txBytes = a.u64();
                // the 32-bit counters only count while no 64-bit one came before
                case STA_INFO_RX_BYTES -> rxBytes = rxBytes == 0 ? a.u32() : rxBytes;
                case STA_INFO_TX_BYTES -> txBytes = txBytes == 0 ? a.u32() : txBytes;
                case STA_INFO_SIGNAL -> signal = (byte) a.u8();
                case STA_INFO_TX_RETRIES -> retries = a.u32();
                case STA_INFO_TX_FAILED -> failed = a.u32();
                case STA_INFO_BEACON_LOSS -> beaconLoss = a.u32();
                case STA_INFO_RX_BITRATE -> rxRate = bitrate(a.nested());
                case STA_INFO_TX_BITRATE -> txRate = bitrate(a.nested());
                default -> {
                }
            }
        }
        return new Station(mac, connected, inactive / 1000.0, rxRate, txRate, rxBytes, txBytes, signal, retries, failed,
                beaconLoss);
    }

    /** NL80211_RATE_INFO_BITRATE32, else the 16-bit BITRATE, in 100 kbit/s: as bits per second. */
    private static long bitrate(NlAttrs a) {
        long rate = 0;
        while (a.next()) {
            if (a.type() == RATE_INFO_BITRATE32) {
                rate = a.u32();
            } else if (a.type() == RATE_INFO_BITRATE && rate == 0) {
                rate = a.u16();
            }
        }
        return rate * 100_000;
    }

    /** The first NL80211_ATTR_BSS in {@code b[start, end)} that has a status; null if none. */
    public static Bss parseBss(ByteBuffer b, int start, int end) {
        NlAttrs a = new NlAttrs(b, start, end);
        while (a.next()) {
            if (a.type() != ATTR_BSS) {
                continue;
            }
            String ssid = "";
            byte[] bssid = null;
            int status = -1;
            NlAttrs n = a.nested();
            while (n.next()) {
                switch (n.type()) {
                    case BSS_BSSID -> bssid = n.bytes();
                    case BSS_STATUS -> status = (int) n.u32();
                    case BSS_INFORMATION_ELEMENTS -> ssid = ssid(n.bytes(), ssid);
                    default -> {
                    }
                }
            }
            if (status >= 0) {
                return new Bss(ssid, bssid, status);
            }
        }
        return null;
    }

    /** The SSID element of 802.11 information elements (id, length, data ...), or {@code otherwise}. */
    static String ssid(byte[] ies, String otherwise) {
        int pos = 0;
        String ssid = otherwise;
        while (pos + 2 <= ies.length) {
            int id = ies[pos] & 0xff;
            int len = ies[pos + 1] & 0xff;
            if (pos + 2 + len > ies.length) {
                break;
            }
            if (id == IE_SSID) {
                ssid = GoUtf8.decode(ies, pos + 2, len);
            }
            pos += 2 + len;
        }
        return ssid;
    }
}
