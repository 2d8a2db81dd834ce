// `firebeat serve --config FILE`: the JSON configuration, checked key by key.
//
// {
//   "listen": "127.0.0.1:8080",
//   "input": "data.sqlite" | "data.gpkg" | "PG:host=... dbname=...",  (paths relative to the file)
//   "map": ["hazards=t_hazard", "hazards.severity=grade"],             (as --map)
//   "gcj02": false, "crs": "EPSG:4543", "repair_geometries": false,     (as the options)
//   "crs": ["EPSG:4549", "EPSG:32648"],   (instead: more CRSs for maps, besides the data's own)
//   "workers": 8,                                                       (threads; default: cores)
//   "cache": {"enabled": true, "max_mb": 256,
//             "max_age_seconds": 0},   (Cache-Control max-age; 0: caches revalidate every time)
//   "limits": {"queue": 128, "request_seconds": 30,
//              "header_seconds": 10, "idle_seconds": 60, "connections": 1000},
//   "heatmap": {"radius": 500, "severity_weights": [1, 2, 4],
//               "scale_percentile": 99,   (the top colour at this percentile of the density)
//               "colour_stops": [...]},   (instead: fixed stops in hazards/km^2)
//   "access": {"tokens": ["<SHA-256 hex of a token>", ...],
//              "layers": {"hazards": {"access": "token", "info_fields": ["category", "severity"]}}},
//   "viewer": {"base_map": {"url": "https://tiles.example/{z}/{x}/{y}.png", "attribution": "...",
//                           "subdomains": "abc", "max_zoom": 18}}                (off by default)
// }
#pragma once

#include "ogc/access_policy.h"

#include "firebeat/heatmap_scale.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>

namespace firebeat::cli {

struct ServeConfig {
    QString listen = "127.0.0.1:8080";
    QString input; // empty: the sample layers
    QStringList map;
    bool gcj02 = false;
    QString crs;         // the analysis CRS ("crs" as a string)
    QStringList moreCrs; // more CRSs to offer maps in ("crs" as an array)
    bool repairGeometries = false;
    int workers = 0; // 0: one per core
    bool cacheEnabled = true;
    double cacheMegabytes = 256;
    int maxAgeSeconds = 0;
    int queue = 128;            // requests waiting or running; more are answered 503
    double requestSeconds = 30; // a request still running after this is stopped (503)
    double headerSeconds = 10;  // to send a whole request; slower connections are closed
    double idleSeconds = 60;    // keep-alive connections idle longer are closed
    int connections = 1000;     // open at once; more are closed at once
    double radius = 500;
    std::array<double, 3> severityWeights{1, 2, 4};
    double scalePercentile = kHeatmapScalePercentile;
    QJsonArray colourStops;
    ogc::AccessPolicy access;
    QJsonObject viewerBaseMap; // empty: none; else url, attribution, subdomains, max_zoom
};

// The defaults when `path` is empty. Throws InputError naming the file and the key for an unknown
// key, a value of the wrong type or out of range.
ServeConfig readServeConfig(const QString& path);

} // namespace firebeat::cli
