package org.pathwaysledger.events.value;

/** Where a fact came from: the REST API (with the request id) or an import (import id and row). */
public record EventSource(Channel channel, String reference) {

    public enum Channel { API, IMPORT, DEMO }

    public static EventSource api(String requestId) {
        return new EventSource(Channel.API, requestId);
    }
}
