package org.ream.central.reporting.counting;

/**
 * Black and white, full colour, or single colour. Single colour exists only for copies: the
 * manual counts "copie en une seule couleur" among colour pages and has no single-colour print.
 */
public enum ColourMode {
    BW, COLOR, SINGLE_COLOR
}
