package org.ream.central.reporting.counting;

/** Colour coverage levels L1-L3 ("les formats L sont des compteurs de couverture", 10.1.3). */
public enum CoverageLevel {
    L1, L2, L3
}
