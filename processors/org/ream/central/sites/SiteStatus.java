package org.ream.central.sites;

/** The manual's site statuses (6.14.1), from the answer to a signed status call. */
public enum SiteStatus {
    READY, UNKNOWN, ERROR, UNREACHABLE;

    /** 200 Ready, 404 Unknown, 5xx or a 200 whose body is "0" Error; any other answer is an error too. */
    public static SiteStatus of(int httpStatus, String body) {
        if (httpStatus == 200) {
            return body != null && body.strip().equals("0") ? ERROR : READY;
        }
        if (httpStatus == 404) {
            return UNKNOWN;
        }
        return ERROR;
    }
}
