package org.pathwaysledger.command.region;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.pathwaysledger.events.value.AgreementId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.PersonId;
import org.pathwaysledger.events.value.RegionId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** A region's setup: its members, pathway catalogue, district-college agreements and identity links. */
@RestController
@RequestMapping(path = "/api/v1/regions/{regionId}", consumes = MediaType.APPLICATION_JSON_VALUE)
public class RegionController {

    private final CommandGateway commands;

    public RegionController(CommandGateway commands) {
        this.commands = commands;
    }

    public record Accepted(String regionId, String id, boolean recorded) {
    }

    @PutMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted region(@PathVariable String regionId, @RequestHeader(name = "X-Request-Id", required = false) String requestId,
                           @RequestBody JsonNode body) {
        return send(regionId, regionId, RegionRequests.region(RegionId.of(regionId), body, source(requestId)));
    }

    @PutMapping("/members/{memberId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted member(@PathVariable String regionId, @PathVariable String memberId,
                           @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(regionId, memberId, RegionRequests.member(RegionId.of(regionId), memberId, body, source(requestId)));
    }

    /** Defines a pathway of the catalogue, or revises it (a new version) when it exists and the definition differs. */
    @PutMapping("/pathways/{pathwayId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted pathway(@PathVariable String regionId, @PathVariable String pathwayId,
                            @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(regionId, pathwayId, RegionRequests.pathway(RegionId.of(regionId), PathwayId.of(pathwayId), body, source(requestId)));
    }

    @PostMapping("/pathways/{pathwayId}/retirement")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted retire(@PathVariable String regionId, @PathVariable String pathwayId,
                           @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(regionId, pathwayId, RegionRequests.retirement(RegionId.of(regionId), PathwayId.of(pathwayId), body, source(requestId)));
    }

    @PutMapping("/agreements/{agreementId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted agreement(@PathVariable String regionId, @PathVariable String agreementId,
                              @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(regionId, agreementId, RegionRequests.agreement(RegionId.of(regionId), AgreementId.of(agreementId), body, source(requestId)));
    }

    @PostMapping("/agreements/{agreementId}/end")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted endAgreement(@PathVariable String regionId, @PathVariable String agreementId,
                                 @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(regionId, agreementId, RegionRequests.agreementEnd(RegionId.of(regionId), AgreementId.of(agreementId), body, source(requestId)));
    }

    @PostMapping("/persons/{personId}/links")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted link(@PathVariable String regionId, @PathVariable String personId,
                         @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(regionId, personId, RegionRequests.link(RegionId.of(regionId), PersonId.of(personId), body, source(requestId)));
    }

    @PostMapping("/persons/{personId}/unlinks")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted unlink(@PathVariable String regionId, @PathVariable String personId,
                           @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(regionId, personId, RegionRequests.unlink(RegionId.of(regionId), PersonId.of(personId), body, source(requestId)));
    }

    private Accepted send(String regionId, String id, Object command) {
        boolean recorded = commands.sendAndWait(command);
        return new Accepted(regionId, id, recorded);
    }

    private static EventSource source(String requestId) {
        return EventSource.api(requestId == null || requestId.isBlank() || requestId.length() > 100 ? UUID.randomUUID().toString() : requestId);
    }
}
