package org.nodeprocessexporter.sys.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Generic netlink: {@code struct genlmsghdr} (command, version, reserved u16) after the netlink
 * header, and the controller family (GENL_ID_CTRL) that maps a family name such as "nl80211" to
 * the message type its requests use this boot.
 */
public final class GenericNetlink {
    public static final int HEADER = 4;
    private static final int GENL_ID_CTRL = 0x10;
    private static final int CTRL_CMD_GETFAMILY = 3;
    private static final int CTRL_ATTR_FAMILY_ID = 1;
    private static final int CTRL_ATTR_FAMILY_NAME = 2;
    private static final int CTRL_ATTR_VERSION = 3;

    private GenericNetlink() {
    }

    /** A family's message type and the version of its protocol. */
    public record Family(int id, int version) {
    }

    /** A request to family {@code familyId}: the netlink and generic netlink headers. */
    public static NetlinkRequest request(int familyId, int flags, int command, int version) {
        return NetlinkRequest.of(familyId, flags).u8(command).u8(version).u16(0);
    }

    /** The family's id and version, or null when the kernel has no such family (ENOENT). */
    public static Family resolve(NetlinkSocket socket, String name) throws IOException {
        ByteBuffer req = request(GENL_ID_CTRL, NetlinkRequest.NLM_F_ACK, CTRL_CMD_GETFAMILY, 1)
                .attrString(CTRL_ATTR_FAMILY_NAME, name).build();
        Family[] found = new Family[1];
        try {
            socket.exchange(req, (type, b, off, len) -> {
                found[0] = parseFamily(b, off, len);
                return found[0] != null;
            });
        } catch (NetlinkException e) {
            if (e.errno() == NetlinkException.ENOENT) {
                return null;
            }
            throw e;
        }
        return found[0];
    }

    /** The CTRL_CMD_NEWFAMILY reply's id and version; null when it has no id. */
    static Family parseFamily(ByteBuffer b, int off, int len) {
        if (len < HEADER) {
            return null;
        }
        int id = -1;
        int version = 0;
        NlAttrs a = new NlAttrs(b, off + HEADER, off + len);
        while (a.next()) {
            if (a.type() == CTRL_ATTR_FAMILY_ID) {
                id = a.u16();
            } else if (a.type() == CTRL_ATTR_VERSION) {
                version = (int) a.u32();
            }
        }
        return id < 0 ? null : new Family(id, version);
    }
}
