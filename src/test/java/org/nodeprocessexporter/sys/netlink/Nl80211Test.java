package org.nodeprocessexporter.sys.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * nl80211 replies written by hand from include/uapi/linux/nl80211.h (this machine has no WiFi
 * driver, so none can be captured): an interface, a station with both counter widths and both
 * bitrate widths, scan entries with and without a status.
 */
class Nl80211Test {
    /** Attributes in native byte order, each padded to 4 bytes. */
    static final class Attrs {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Attrs add(int type, byte[] data) {
            ByteBuffer h = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            h.putShort((short) (4 + data.length)).putShort((short) type);
            out.writeBytes(h.array());
            out.writeBytes(data);
            out.writeBytes(new byte[(4 - (data.length & 3)) & 3]);
            return this;
        }

        Attrs u8(int type, int v) {
            return add(type, new byte[] {(byte) v});
        }

        Attrs u16(int type, int v) {
            return add(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array());
        }

        Attrs u32(int type, long v) {
            return add(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) v).array());
        }

        Attrs u64(int type, long v) {
            return add(type, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array());
        }

        Attrs nested(int type, Attrs inner) {
            return add(type | 0x8000, inner.bytes()); // NLA_F_NESTED, as the kernel sets it
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes()).order(ByteOrder.nativeOrder());
        }
    }

    @Test
    void anInterface() {
        byte[] withHeader = new byte[4];
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.writeBytes(withHeader);
        msg.writeBytes(new Attrs().u32(3, 5).add(4, "wlp2s0\0".getBytes(StandardCharsets.UTF_8))
                .add(6, new byte[] {2, 0x11, 0x22, 0x33, 0x44, 0x55}).u32(1, 0).u32(5, 2).u64(153, 1L << 32)
                .u32(38, 5180).bytes());
        ByteBuffer b = ByteBuffer.wrap(msg.toByteArray()).order(ByteOrder.nativeOrder());
        Nl80211.Interface i = Nl80211.parseInterface(b, 0, b.limit());
        assertThat(i).isNotNull();
        assertThat(i.index()).isEqualTo(5);
        assertThat(i.name()).isEqualTo("wlp2s0");
        assertThat(i.type()).isEqualTo(2);
        assertThat(i.device()).isEqualTo(1L << 32);
        assertThat(i.frequency()).isEqualTo(5180);
    }

    @Test
    void aStationPrefersTheWideCountersAndBitrates() {
        Attrs info = new Attrs()
                .u32(16, 3600)                   // CONNECTED_TIME, s
                .u32(1, 1500)                    // INACTIVE_TIME, ms
                .u32(2, 77)                      // RX_BYTES (32 bit) before RX_BYTES64: overwritten
                .u64(23, 5_000_000_000L)         // RX_BYTES64
                .u64(24, 6_000_000_000L)         // TX_BYTES64
                .u32(3, 99)                      // TX_BYTES after TX_BYTES64: ignored
                .u8(7, 0xc4)                     // SIGNAL: -60 dBm
                .u32(11, 4).u32(12, 1).u32(18, 2)
                .nested(14, new Attrs().u16(1, 650).u32(5, 8667))   // RX_BITRATE: BITRATE32 wins
                .nested(8, new Attrs().u16(1, 540));                // TX_BITRATE: only the 16-bit one
        ByteBuffer b = new Attrs().u32(3, 5).add(6, new byte[] {(byte) 0xaa, 1, 2, 3, 4, 5}).nested(21, info).buffer();
        Nl80211.Station s = Nl80211.parseStation(b, 0, b.limit());
        assertThat(s.connectedSeconds()).isEqualTo(3600);
        assertThat(s.inactiveSeconds()).isEqualTo(1.5);
        assertThat(s.receivedBytes()).isEqualTo(5_000_000_000L);
        assertThat(s.transmittedBytes()).isEqualTo(6_000_000_000L);
        assertThat(s.signal()).isEqualTo(-60);
        assertThat(s.receiveBitrate()).isEqualTo(866_700_000L);
        assertThat(s.transmitBitrate()).isEqualTo(54_000_000L);
        assertThat(s.transmitRetries()).isEqualTo(4);
        assertThat(s.transmitFailed()).isEqualTo(1);
        assertThat(s.beaconLoss()).isEqualTo(2);
        assertThat(s.mac()).containsExactly(0xaa, 1, 2, 3, 4, 5);

        ByteBuffer noInfo = new Attrs().u32(3, 5).buffer();
        assertThat(Nl80211.parseStation(noInfo, 0, noInfo.limit())).as("no STA_INFO: not there").isNull();
    }

    @Test
    void theBssIsTheScanEntryWithAStatus() {
        byte[] ies = {0, 5, 'h', 'o', (byte) 0xe2, (byte) 0x82, 'x', 1, 1, 0x0c};
        Attrs seenOnly = new Attrs().add(1, new byte[] {9, 9, 9, 9, 9, 9}).add(6, new byte[] {0, 1, 'z'});
        Attrs associated = new Attrs().add(1, new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55}).u32(9, 1).add(6, ies);
        ByteBuffer b = new Attrs().u32(3, 5).nested(47, seenOnly).nested(47, associated).buffer();
        Nl80211.Bss bss = Nl80211.parseBss(b, 0, b.limit());
        assertThat(bss.status()).isEqualTo(1);
        assertThat(bss.bssid()).containsExactly(0, 0x11, 0x22, 0x33, 0x44, 0x55);
        // Go decodes the cut-short sequence e2 82 as two U+FFFD, one per byte
        assertThat(bss.ssid()).isEqualTo("ho\ufffd\ufffdx");

        ByteBuffer none = new Attrs().u32(3, 5).nested(47, seenOnly).buffer();
        assertThat(Nl80211.parseBss(none, 0, none.limit())).isNull();
    }

    @Test
    void goUtf8KeepsValidTextAndReplacesEachBadByte() {
        byte[] ok = "Café ☕ 𝄞".getBytes(StandardCharsets.UTF_8);
        assertThat(GoUtf8.decode(ok, 0, ok.length)).isEqualTo("Café ☕ 𝄞");
        byte[] bad = {(byte) 0xc0, (byte) 0x80, (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'a', (byte) 0xf0};
        assertThat(GoUtf8.decode(bad, 0, bad.length)).isEqualTo("\ufffd".repeat(5) + "a\ufffd");
    }
}
