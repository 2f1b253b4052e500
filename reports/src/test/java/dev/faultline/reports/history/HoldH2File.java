package dev.faultline.reports.history;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Another process holding a history's H2 file: opens it, says {@code held}, keeps it for the milliseconds given, then
 * lets it go, says when ({@code released at <epoch ms>}) and exits ({@link HistoryTest}).
 */
public final class HoldH2File {
    private HoldH2File() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + args[0])) {
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1])); // the sleep is the point: the file is held this long
        }
        System.out.println("released at " + System.currentTimeMillis());
    }
}
