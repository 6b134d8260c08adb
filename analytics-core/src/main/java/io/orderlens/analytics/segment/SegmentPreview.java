package io.orderlens.analytics.segment;

import java.util.List;

/**
 * A dry run of a rule before a host saves it: how many customers it selects and a sample of them (the highest
 * spenders, as {@link MemberOrder#SPEND} lists them).
 */
public record SegmentPreview(SegmentCount count, List<SegmentMember> sample) {
    public SegmentPreview {
        sample = List.copyOf(sample);
    }
}
