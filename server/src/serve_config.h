// `firebeat serve --config FILE`: the JSON configuration, checked key by key.
//
// {
//   "listen": "127.0.0.1:8080",
//   "input": "data.sqlite" | "data.gpkg" | "PG:host=... dbname=...",  (paths relative to the file)
//   "map": ["hazards=t_hazard", "hazards.severity=grade"],             (as --map)
//   "gcj02": false, "crs": "EPSG:4543", "repair_geometries": false,     (as the options)
//   "workers": 8,                                                       (threads; default: cores)
//   "cache": {"enabled": true, "max_mb": 256},
//   "limits": {"queue": 128, "request_seconds": 30},
//   "heatmap": {"radius": 500, "severity_weights": [1, 2, 4], "colour_stops": [...]}
// }
#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <array>

namespace firebeat::cli {

struct ServeConfig {
    QString listen = "127.0.0.1:8080";
    QString input; // empty: the sample layers
    QStringList map;
    bool gcj02 = false;
    QString crs;
    bool repairGeometries = false;
    int workers = 0; // 0: one per core
    bool cacheEnabled = true;
    double cacheMegabytes = 256;
    int queue = 128;            // requests waiting or running; more are answered 503
    double requestSeconds = 30; // a request still running after this is stopped (503)
    double radius = 500;
    std::array<double, 3> severityWeights{1, 2, 4};
    QJsonArray colourStops;
};

// The defaults when `path` is empty. Throws InputError naming the file and the key for an unknown
// key, a value of the wrong type or out of range.
ServeConfig readServeConfig(const QString& path);

} // namespace firebeat::cli
