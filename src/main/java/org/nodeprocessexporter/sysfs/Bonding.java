package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A bonding master of {@code /sys/class/net} (Documentation/networking/bonding.rst): the interfaces
 * enslaved to it and how many of them have MII link up.
 *
 * @param master {@code bond0}
 * @param slaves configured slaves
 * @param active slaves whose {@code mii_status} is {@code up}
 */
public record Bonding(String master, int slaves, int active) {

    /** Every master named in {@code bonding_masters}; throws NoSuchFileException without the bonding driver. */
    public static List<Bonding> read(Path sysRoot) throws IOException {
        Path net = sysRoot.resolve("class/net");
        List<Bonding> out = new ArrayList<>();
        for (String master : fields(Files.readString(net.resolve("bonding_masters")))) {
            Path dir = net.resolve(master);
            int slaves = 0;
            int active = 0;
            for (String slave : fields(Files.readString(dir.resolve("bonding/slaves")))) {
                String state;
                try {
                    state = Files.readString(dir.resolve("lower_" + slave).resolve("bonding_slave/mii_status"));
                } catch (NoSuchFileException e) {
                    // kernels before 4.x link the slave as slave_<name>
                    state = Files.readString(dir.resolve("slave_" + slave).resolve("bonding_slave/mii_status"));
                }
                slaves++;
                if (state.trim().equals("up")) {
                    active++;
                }
            }
            out.add(new Bonding(master, slaves, active));
        }
        return out;
    }

    private static String[] fields(String text) {
        String t = text.trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }
}
