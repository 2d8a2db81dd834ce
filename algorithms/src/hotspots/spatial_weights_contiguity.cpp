// Queen and rook contiguity by snapping boundaries into a small topology, not by GEOS
// predicates on every candidate pair (which miss slivers and cost a prepared geometry each).
//
// 1. Vertices closer than the tolerance are one node (union-find; chains of close vertices
//    merge, so an edge shorter than the tolerance collapses to a point).
// 2. Each straight edge of a ring becomes a chain: its end nodes plus every node lying within
//    the tolerance of it (T-junctions, the far side of a sliver).
// 3. Queen: two areas with a node on both boundaries. Rook: two areas with chains sharing two
//    distinct nodes p, q: both boundaries then pass within the tolerance of p and of q along
//    straight edges, so they run together from p to q (distance to a segment is convex), over
//    more than the tolerance. Touching at two separate corners is not a shared edge.
// 4. Boundaries that properly cross belong to overlapping areas: neighbours of both kinds.
// Vertex-to-edge and edge-to-edge candidates come from one uniform grid over the edges.
#include "hotspots/spatial_weights_internal.h"

#include <algorithm>
#include <numeric>

namespace firebeat::detail {
namespace {

double segmentDistance(Point p, Point a, Point b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    return distance(p, {a.x + t * dx, a.y + t * dy});
}

double orientation(Point a, Point b, Point c) {
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

bool properlyCross(Point a, Point b, Point c, Point d) {
    const double o1 = orientation(a, b, c);
    const double o2 = orientation(a, b, d);
    const double o3 = orientation(c, d, a);
    const double o4 = orientation(c, d, b);
    return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

class UnionFind {
  public:
    explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
    std::uint32_t find(std::uint32_t i) {
        while (parent_[i] != i) {
            parent_[i] = parent_[parent_[i]];
            i = parent_[i];
        }
        return i;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b)
            parent_[std::max(a, b)] = std::min(a, b);
    }

  private:
    std::vector<std::uint32_t> parent_;
};

// The edges of all rings: edge e runs from vertex e to vertex next[e].
struct Edges {
    std::vector<std::uint32_t> next;
    std::vector<std::uint32_t> area;

    explicit Edges(const RingSet& rings) : next(rings.vertices.size()), area(rings.vertices.size()) {
        for (std::size_t r = 0; r < rings.ringCount(); ++r) {
            const std::uint32_t begin = rings.ringStart[r];
            const std::uint32_t end = rings.ringStart[r + 1];
            for (std::uint32_t i = begin; i < end; ++i) {
                next[i] = i + 1 < end ? i + 1 : begin;
                area[i] = rings.ringArea[r];
            }
        }
    }
    std::size_t size() const { return next.size(); }
};

// A uniform grid listing, per cell, the edges that pass within the tolerance of the cell.
class EdgeGrid {
  public:
    EdgeGrid(const std::vector<Point>& vertices, const Edges& edges, double tolerance)
        : vertices_(vertices), edges_(edges), tolerance_(tolerance) {
        Envelope extent;
        double totalLength = 0;
        for (std::size_t e = 0; e < edges.size(); ++e) {
            extent.expand(vertices[e]);
            totalLength += distance(vertices[e], vertices[edges.next[e]]);
        }
        origin_ = {extent.minX, extent.minY};
        // About one edge per cell, never finer than the tolerance nor than ~4 cells per edge.
        const double scale = std::max({extent.width(), extent.height(), 1.0});
        cell_ = std::max(
            {totalLength / static_cast<double>(edges.size()), 2 * tolerance, scale * 1e-9,
             std::sqrt(extent.width() * extent.height() / (4.0 * static_cast<double>(edges.size())))});
        columns_ = static_cast<std::size_t>(extent.width() / cell_) + 1;
        rows_ = static_cast<std::size_t>(extent.height() / cell_) + 1;

        std::vector<std::pair<std::uint32_t, std::uint32_t>> entries; // (cell, edge)
        entries.reserve(edges.size() * 3);
        for (std::size_t e = 0; e < edges.size(); ++e)
            forEachCellOf(static_cast<std::uint32_t>(e), [&](std::size_t c) {
                entries.emplace_back(static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(e));
            });
        std::sort(entries.begin(), entries.end());
        start_.assign(columns_ * rows_ + 1, 0);
        for (const auto& entry : entries)
            ++start_[entry.first + 1];
        std::partial_sum(start_.begin(), start_.end(), start_.begin());
        items_.reserve(entries.size());
        for (const auto& entry : entries)
            items_.push_back(entry.second);
    }

    std::span<const std::uint32_t> edgesNear(Point p) const {
        const std::size_t c = row(p.y) * columns_ + column(p.x);
        return {items_.data() + start_[c], items_.data() + start_[c + 1]};
    }
    std::span<const std::uint32_t> edgesInCell(std::size_t c) const {
        return {items_.data() + start_[c], items_.data() + start_[c + 1]};
    }

    // Calls f(cell) for each cell within the tolerance of edge e, column by column, so a long
    // diagonal edge costs its length in cells, not its bounding box.
    template <class F> void forEachCellOf(std::uint32_t e, F&& f) const {
        const Point a = vertices_[e];
        const Point b = vertices_[edges_.next[e]];
        const double pad = tolerance_ + cell_ * 1e-9;
        const std::size_t c0 = column(std::min(a.x, b.x) - pad);
        const std::size_t c1 = column(std::max(a.x, b.x) + pad);
        const double dx = b.x - a.x;
        const double dy = b.y - a.y;
        for (std::size_t c = c0; c <= c1; ++c) {
            double t0 = 0;
            double t1 = 1;
            if (dx != 0) {
                const double xLow = origin_.x + static_cast<double>(c) * cell_ - pad;
                const double xHigh = xLow + cell_ + 2 * pad;
                t0 = std::clamp((xLow - a.x) / dx, 0.0, 1.0);
                t1 = std::clamp((xHigh - a.x) / dx, 0.0, 1.0);
            }
            const double y0 = a.y + t0 * dy;
            const double y1 = a.y + t1 * dy;
            const std::size_t r0 = row(std::min(y0, y1) - pad);
            const std::size_t r1 = row(std::max(y0, y1) + pad);
            for (std::size_t r = r0; r <= r1; ++r)
                f(r * columns_ + c);
        }
    }

  private:
    std::size_t column(double x) const { return index((x - origin_.x) / cell_, columns_); }
    std::size_t row(double y) const { return index((y - origin_.y) / cell_, rows_); }
    static std::size_t index(double v, std::size_t count) {
        if (!(v > 0))
            return 0;
        return std::min(static_cast<std::size_t>(v), count - 1);
    }

    const std::vector<Point>& vertices_;
    const Edges& edges_;
    double tolerance_;
    Point origin_;
    double cell_ = 1;
    std::size_t columns_ = 1;
    std::size_t rows_ = 1;
    std::vector<std::size_t> start_;
    std::vector<std::uint32_t> items_;
};

void checkCancelled(std::size_t i, const Progress* progress) {
    if (i % 4096 == 0)
        throwIfCancelled(progress);
}

void linkPair(std::uint32_t a, std::uint32_t b, Links& links) {
    links.emplace_back(a, b);
    links.emplace_back(b, a);
}

} // namespace

Links contiguityLinks(const RingSet& rings, double tolerance, bool rook, const Progress* progress) {
    const std::vector<Point>& v = rings.vertices;
    const Edges edges(rings);
    if (edges.size() == 0)
        return {};
    const EdgeGrid grid(v, edges, tolerance);

    // Steps 1 and 2: nodes, and which edges (chains) each vertex lies on.
    UnionFind nodes(v.size());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> onEdge; // (vertex, edge)
    onEdge.reserve(v.size() * 4);
    for (std::uint32_t i = 0; i < v.size(); ++i) {
        checkCancelled(i, progress);
        for (std::uint32_t e : grid.edgesNear(v[i])) {
            const std::uint32_t f = edges.next[e];
            if (segmentDistance(v[i], v[e], v[f]) > tolerance)
                continue;
            onEdge.emplace_back(i, e);
            if (distance(v[i], v[e]) <= tolerance)
                nodes.unite(i, e);
            if (distance(v[i], v[f]) <= tolerance)
                nodes.unite(i, f);
        }
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> chains; // (node, edge), each once
    chains.reserve(onEdge.size());
    for (const auto& [vertex, edge] : onEdge)
        chains.emplace_back(nodes.find(vertex), edge);
    std::sort(chains.begin(), chains.end());
    chains.erase(std::unique(chains.begin(), chains.end()), chains.end());

    // Step 3, node by node.
    Links links;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> chainPairs; // rook: one per shared node
    std::vector<std::uint32_t> areas;
    for (std::size_t begin = 0; begin < chains.size();) {
        std::size_t end = begin;
        while (end < chains.size() && chains[end].first == chains[begin].first)
            ++end;
        if (rook) {
            for (std::size_t i = begin; i < end; ++i)
                for (std::size_t j = i + 1; j < end; ++j)
                    if (edges.area[chains[i].second] != edges.area[chains[j].second])
                        chainPairs.emplace_back(chains[i].second, chains[j].second);
        } else {
            areas.clear();
            for (std::size_t i = begin; i < end; ++i)
                areas.push_back(edges.area[chains[i].second]);
            std::sort(areas.begin(), areas.end());
            areas.erase(std::unique(areas.begin(), areas.end()), areas.end());
            for (std::size_t i = 0; i < areas.size(); ++i)
                for (std::size_t j = i + 1; j < areas.size(); ++j)
                    linkPair(areas[i], areas[j], links);
        }
        begin = end;
    }
    if (rook) {
        std::sort(chainPairs.begin(), chainPairs.end());
        for (std::size_t i = 0; i + 1 < chainPairs.size(); ++i)
            if (chainPairs[i] == chainPairs[i + 1])
                linkPair(edges.area[chainPairs[i].first], edges.area[chainPairs[i].second], links);
    }

    // Step 4: crossing boundaries.
    for (std::uint32_t e = 0; e < edges.size(); ++e) {
        checkCancelled(e, progress);
        const Point a = v[e];
        const Point b = v[edges.next[e]];
        grid.forEachCellOf(e, [&](std::size_t c) {
            for (std::uint32_t f : grid.edgesInCell(c))
                if (f > e && edges.area[f] != edges.area[e] && properlyCross(a, b, v[f], v[edges.next[f]]))
                    linkPair(edges.area[e], edges.area[f], links);
        });
    }
    return links;
}

} // namespace firebeat::detail
