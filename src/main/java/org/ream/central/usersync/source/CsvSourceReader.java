package org.ream.central.usersync.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ream.central.settings.SettingsStore;
import org.ream.central.usersync.SourceSettings.Kind;
import org.ream.central.usersync.SourceUser;
import org.ream.central.usersync.SyncEngine;
import org.ream.central.usersync.SyncSources;
import org.ream.central.usersync.csv.CsvSourceSettings;
import org.ream.central.usersync.csv.CsvUserReader;
import org.ream.central.usersync.csv.InvalidCsvFile;

/**
 * CSV sources (8.7.4): the whole file is read and checked before anything is handed on, so a
 * malformed line (named with its line and column) fails the run before any write.
 */
@ApplicationScoped
public class CsvSourceReader implements SyncEngine.SourceReader, SyncSources.SourceCheck {

    @Inject
    SettingsStore settings;

    @Override
    public boolean handles(Kind kind) {
        return kind == Kind.CSV;
    }

    @Override
    public void check(Kind kind, Map<String, Object> config) {
        settingsOf(config);
    }

    @Override
    public SyncEngine.ReadResult read(SyncSources.Source source, boolean full, Consumer<SourceUser> sink) throws Exception {
        Path file = Path.of(source.config().get("file").toString());
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<SourceUser> users;
        try {
            users = CsvUserReader.read(content, settingsOf(source.config()), settings.get("general.csvDelimiter"));
        } catch (InvalidCsvFile e) {
            throw new IllegalStateException(file.getFileName() + ": " + e.getMessage() + " (nothing was written)", e);
        }
        users.forEach(sink);
        return new SyncEngine.ReadResult(true, false, null, users.size(), List.of());
    }

    private static CsvSourceSettings settingsOf(Map<String, Object> config) {
        Object skip = config.get("skipHeader");
        return CsvSourceSettings.of(String.valueOf(config.getOrDefault("encoding", "UTF-8")), String.valueOf(config.getOrDefault("delimiter", "")),
                skip == null || Boolean.parseBoolean(skip.toString()), String.valueOf(config.getOrDefault("importGroupsUnder", "")));
    }
}
