package io.orderlens.analytics.spi;

/** {@link AnalyticsCache#none()}, the default: keeps nothing, so every read loads. */
class NoCacheTest extends AnalyticsCacheContract {
    @Override
    protected AnalyticsCache newCache() {
        return AnalyticsCache.none();
    }

    @Override
    protected boolean retainsValues() {
        return false;
    }
}
