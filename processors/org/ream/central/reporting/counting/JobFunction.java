package org.ream.central.reporting.counting;

/** What a printing device did: print, copy, scan, or print an incoming fax (manual 10.1.2). */
public enum JobFunction {
    PRINT, COPY, SCAN, FAX
}
