package org.pathwaysledger.analytics.ui;

import org.pathwaysledger.analytics.region.RegionSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The web UI's settings: the other services' addresses and the region's minimum cell size (shown in the legend). */
@RestController
public class WebUiController {

    public record Settings(String commandUrl, String queryUrl, int minimumCellSize) {
    }

    private final WebUiLinks links;
    private final RegionSettings region;

    public WebUiController(WebUiLinks links, RegionSettings region) {
        this.links = links;
        this.region = region;
    }

    @GetMapping("/ui/settings")
    public Settings settings() {
        WebUiLinks.Links current = links.links();
        return new Settings(current.commandUrl(), current.queryUrl(), region.minimumCellSize());
    }
}
