package org.nodeprocessexporter.collector.node;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sys.netlink.NetlinkException;
import org.nodeprocessexporter.sys.netlink.NetlinkSocket;
import org.nodeprocessexporter.sys.netlink.Nl80211;

/**
 * node_exporter's {@code wifi}: each WiFi interface's frequency, the BSS it is in and its stations,
 * from nl80211 over generic netlink as mdlayher/wifi reads them. A kernel without nl80211 (no WiFi
 * driver loaded) or a refused socket gives "no data", quietly, as upstream.
 *
 * <p>With {@code --collector.wifi.fixtures=DIR} it reads upstream's test fixture layout instead:
 * {@code DIR/interfaces.json} and per interface {@code DIR/<name>/bss.json} and
 * {@code stationinfo.json} (mdlayher/wifi's structs as Go's encoding/json writes them: MACs in
 * base64, durations in nanoseconds); a missing per-interface file means "not there" as upstream.
 *
 * <p>The BSS status is mapped as mdlayher/wifi 0.8 maps it: 0 and 1 (authenticated, associated) are
 * mode "client", 3 "ad-hoc", anything else "unknown", which includes the kernel's
 * NL80211_BSS_STATUS_IBSS_JOINED (2), read by that library as "not associated".
 */
public final class WifiCollector implements Collector {
    static final String FIXTURES = "collector.wifi.fixtures";

    public static final CollectorSpec SPEC = CollectorSpec.of("wifi", false, WifiCollector::new,
            Flag.string(FIXTURES, "", "test fixtures to use for wifi collector metrics"));

    private static final String[] STATION = {"device", "mac_address"};

    private final String fixtures;
    private Live live;

    private WifiCollector(CollectorContext ctx) {
        this.fixtures = ctx.flags().string(FIXTURES);
    }

    /** Where the interfaces, BSSes and stations come from: nl80211 or the fixture files. */
    interface Source {
        List<Nl80211.Interface> interfaces() throws IOException;

        /** Null when there is no BSS (upstream's "not exist"). */
        Nl80211.Bss bss(Nl80211.Interface i) throws IOException;

        /** Null when there is no station information (upstream's "not exist"). */
        List<Nl80211.Station> stations(Nl80211.Interface i) throws IOException;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (!fixtures.isEmpty()) {
            FixtureSource.emit(sink, Path.of(fixtures));
            return;
        }
        if (live == null) {
            live = new Live();
        }
        live.collect(sink);
    }

    /**
     * The nl80211 side. A class of its own so that the collector class, which is loaded for its
     * SPEC even when the collector is off, names neither NetlinkException in a catch nor a Source
     * passed as an argument: verifying a class loads those types.
     */
    private static final class Live {
        private Memory buffer;

        void collect(MetricSink sink) throws Exception {
            if (buffer == null) {
                buffer = NetlinkSocket.newBuffer();
            }
            try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC, buffer)) {
                Nl80211 nl;
                try {
                    nl = Nl80211.open(s);
                } catch (NetlinkException e) {
                    if (e.denied()) {
                        throw new NoDataException("wifi collector got permission denied when accessing metrics");
                    }
                    throw e;
                }
                if (nl == null) {
                    throw new NoDataException("wifi collector metrics are not available for this system");
                }
                emit(sink, new Source() {
                    @Override
                    public List<Nl80211.Interface> interfaces() throws IOException {
                        return nl.interfaces();
                    }

                    @Override
                    public Nl80211.Bss bss(Nl80211.Interface i) throws IOException {
                        return notFoundIsNull(() -> nl.bss(i.index()));
                    }

                    @Override
                    public List<Nl80211.Station> stations(Nl80211.Interface i) throws IOException {
                        return notFoundIsNull(() -> nl.stations(i.index()));
                    }
                });
            }
        }

        private interface Call<T> {
            T get() throws IOException;
        }

        /** ENOENT is Go's os.ErrNotExist, which upstream takes as "not available for this interface". */
        private static <T> T notFoundIsNull(Call<T> call) throws IOException {
            try {
                return call.get();
            } catch (NetlinkException e) {
                if (e.errno() == NetlinkException.ENOENT) {
                    return null;
                }
                throw e;
            }
        }
    }

    static void emit(MetricSink sink, Source source) throws IOException {
        for (Nl80211.Interface i : source.interfaces()) {
            if (i.name().isEmpty()) {
                continue; // virtual devices without a name
            }
            sink.gauge("node_wifi_interface_frequency_hertz",
                    "The current frequency a WiFi interface is operating at, in hertz.", "device")
                    .add(i.frequency() * 1e6, i.name());
            Nl80211.Bss bss = source.bss(i);
            if (bss == null) {
                Log.debug("BSS information not found for wifi device", "name", i.name());
            } else {
                sink.gauge("node_wifi_station_info",
                        "Labeled WiFi interface station information as provided by the operating system.",
                        "device", "bssid", "ssid", "mode").add(1, i.name(), mac(bss.bssid()), bss.ssid(), mode(bss.status()));
            }
            List<Nl80211.Station> stations = source.stations(i);
            if (stations == null) {
                Log.debug("station information not found for wifi device", "name", i.name());
                continue;
            }
            for (Nl80211.Station s : stations) {
                station(sink, i.name(), s);
            }
        }
    }

    private static void station(MetricSink sink, String device, Nl80211.Station s) {
        String[] l = {device, mac(s.mac())};
        sink.counter("node_wifi_station_connected_seconds_total",
                "The total number of seconds a station has been connected to an access point.", STATION)
                .add(s.connectedSeconds(), l);
        sink.gauge("node_wifi_station_inactive_seconds",
                "The number of seconds since any wireless activity has occurred on a station.", STATION)
                .add(s.inactiveSeconds(), l);
        sink.gauge("node_wifi_station_receive_bits_per_second",
                "The current WiFi receive bitrate of a station, in bits per second.", STATION)
                .add(s.receiveBitrate(), l);
        sink.gauge("node_wifi_station_transmit_bits_per_second",
                "The current WiFi transmit bitrate of a station, in bits per second.", STATION)
                .add(s.transmitBitrate(), l);
        sink.counter("node_wifi_station_receive_bytes_total", "The total number of bytes received by a WiFi station.",
                STATION).add(s.receivedBytes(), l);
        sink.counter("node_wifi_station_transmit_bytes_total",
                "The total number of bytes transmitted by a WiFi station.", STATION).add(s.transmittedBytes(), l);
        sink.gauge("node_wifi_station_signal_dbm", "The current WiFi signal strength, in decibel-milliwatts (dBm).",
                STATION).add(s.signal(), l);
        sink.counter("node_wifi_station_transmit_retries_total",
                "The total number of times a station has had to retry while sending a packet.", STATION)
                .add(s.transmitRetries(), l);
        sink.counter("node_wifi_station_transmit_failed_total",
                "The total number of times a station has failed to send a packet.", STATION)
                .add(s.transmitFailed(), l);
        sink.counter("node_wifi_station_beacon_loss_total",
                "The total number of times a station has detected a beacon loss.", STATION).add(s.beaconLoss(), l);
    }

    static String mode(int status) {
        return switch (status) {
            case 0, 1 -> "client";
            case 3 -> "ad-hoc";
            default -> "unknown";
        };
    }

    /** Go's net.HardwareAddr.String(): two lower-case hex digits per byte joined by colons. */
    static String mac(byte[] a) {
        if (a == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(a.length * 3);
        for (int k = 0; k < a.length; k++) {
            if (k > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((a[k] >> 4) & 0xf, 16)).append(Character.forDigit(a[k] & 0xf, 16));
        }
        return sb.toString();
    }

    /** Upstream's mockWifiStater: the same files, read each scrape. */
    static final class FixtureSource implements Source {
        private final Path dir;

        FixtureSource(Path dir) {
            this.dir = dir;
        }

        static void emit(MetricSink sink, Path dir) throws IOException {
            WifiCollector.emit(sink, new FixtureSource(dir));
        }

        @Override
        public List<Nl80211.Interface> interfaces() throws IOException {
            Path file = dir.resolve("interfaces.json");
            List<Nl80211.Interface> out = new ArrayList<>();
            for (Map<String, Object> o : FixtureJson.objects(FixtureJson.read(file), file)) {
                out.add(new Nl80211.Interface((int) FixtureJson.number(o, "Index"), FixtureJson.string(o, "Name"),
                        FixtureJson.bytes(o, "HardwareAddr"), (int) FixtureJson.number(o, "PHY"),
                        (int) FixtureJson.number(o, "Type"), FixtureJson.number(o, "Device"),
                        (int) FixtureJson.number(o, "Frequency")));
            }
            return out;
        }

        @Override
        public Nl80211.Bss bss(Nl80211.Interface i) throws IOException {
            Path file = dir.resolve(i.name()).resolve("bss.json");
            Map<String, Object> o;
            try {
                o = FixtureJson.object(FixtureJson.read(file), file);
            } catch (NoSuchFileException e) {
                return null;
            }
            return new Nl80211.Bss(FixtureJson.string(o, "SSID"), FixtureJson.bytes(o, "BSSID"),
                    (int) FixtureJson.number(o, "Status"));
        }

        @Override
        public List<Nl80211.Station> stations(Nl80211.Interface i) throws IOException {
            Path file = dir.resolve(i.name()).resolve("stationinfo.json");
            List<Map<String, Object>> list;
            try {
                list = FixtureJson.objects(FixtureJson.read(file), file);
            } catch (NoSuchFileException e) {
                return null;
            }
            List<Nl80211.Station> out = new ArrayList<>();
            for (Map<String, Object> o : list) {
                out.add(new Nl80211.Station(FixtureJson.bytes(o, "HardwareAddr"),
                        FixtureJson.number(o, "Connected") / 1e9, FixtureJson.number(o, "Inactive") / 1e9, FixtureJson.number(o, "ReceiveBitrate"),
                        FixtureJson.number(o, "TransmitBitrate"), FixtureJson.number(o, "ReceivedBytes"),
                        FixtureJson.number(o, "TransmittedBytes"), (int) FixtureJson.number(o, "Signal"),
                        FixtureJson.number(o, "TransmitRetries"), FixtureJson.number(o, "TransmitFailed"),
                        FixtureJson.number(o, "BeaconLoss")));
            }
            return out;
        }
    }
}
