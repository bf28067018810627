package cn.panzhihua.scoring.campaign;

import cn.panzhihua.scoring.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The 公示: the published 通报 of a year, read-only and without login, with its period and checkpoint. */
@Path("/api/v1/public/campaigns/{year}")
@Tag(name = "campaigns")
public class PublicNoticeResource {

    @Inject
    CampaignService campaigns;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "anyone"), summary = "The 公示 of a year: its published 通报, period and checkpoint",
            description = "Shown from publication on, with any change an upheld objection made; 404 before.")
    @APIResponse(responseCode = "200", description = "The published 通报", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.NoticeView.class)))
    @APIResponse(responseCode = "400", description = "The year is malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Nothing published for the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CampaignViews.NoticeView notice(@PathParam("year") String year) {
        return campaigns.notice(year);
    }
}
