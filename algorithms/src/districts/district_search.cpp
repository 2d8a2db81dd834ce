// Construction and local search of a district design (docs/districts.md, "Method").
//
// Objective, compared lexicographically: the largest |W_d - mean|, then sum (W_d - mean)^2
// (balance), then the summed moment of inertia of the districts (compactness). Every move takes
// one block from district A to a neighbouring district B, keeping A connected (B stays connected
// since the block touches it) and never moving a station's block.
#include "districts/districts_internal.h"

#include "util/random.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <thread>

namespace firebeat::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Score {
    double largest = kInf;
    double squares = kInf;
    double inertia = kInf;
    // Differences below this share of the mean are noise of the floating-point sums.
    bool betterThan(const Score& o, double eps) const {
        if (largest < o.largest - eps)
            return true;
        if (largest > o.largest + eps)
            return false;
        if (squares < o.squares - eps * eps)
            return true;
        if (squares > o.squares + eps * eps)
            return false;
        return inertia < o.inertia * (1 - 1e-12);
    }
};

class Search {
  public:
    Search(const SearchProblem& p, int restart, const std::atomic<bool>& stop)
        : p_(p), g_(*p.graph), n_(g_.size()), k_(static_cast<std::size_t>(p.zones)), stop_(stop),
          random_(p.seed, static_cast<std::uint64_t>(restart)) {
        double total = 0;
        for (double w : p.workload)
            total += w;
        mean_ = total / static_cast<double>(k_);
        eps_ = 1e-9 * std::max(mean_, 1e-300);
        stamp_.assign(n_, 0);
        fixed_.assign(n_, 0);
        for (std::uint32_t b : p.stationBlock)
            fixed_[b] = 1;
    }

    SearchResult run() {
        construct();
        descend();
        tabu();
        descend();
        compact();
        descend();
        SearchResult r;
        r.district = a_;
        const Score s = score();
        r.largestDeviation = s.largest;
        r.sumSquares = s.squares;
        r.inertia = s.inertia;
        return r;
    }

  private:
    // ---- state ----
    void resetState() {
        a_.assign(n_, -1);
        W_.assign(k_, 0);
        count_.assign(k_, 0);
        s0_.assign(k_, 0);
        sx_.assign(k_, 0);
        sy_.assign(k_, 0);
        sxx_.assign(k_, 0);
    }
    void add(std::uint32_t b, int d) {
        a_[b] = d;
        const auto i = static_cast<std::size_t>(d);
        W_[i] += p_.workload[b];
        ++count_[i];
        const double ar = p_.area[b];
        const Point c = p_.centroid[b];
        s0_[i] += ar;
        sx_[i] += ar * c.x;
        sy_[i] += ar * c.y;
        sxx_[i] += ar * (c.x * c.x + c.y * c.y);
    }
    void remove(std::uint32_t b) {
        const auto i = static_cast<std::size_t>(a_[b]);
        W_[i] -= p_.workload[b];
        --count_[i];
        const double ar = p_.area[b];
        const Point c = p_.centroid[b];
        s0_[i] -= ar;
        sx_[i] -= ar * c.x;
        sy_[i] -= ar * c.y;
        sxx_[i] -= ar * (c.x * c.x + c.y * c.y);
        a_[b] = -1;
    }
    void move(std::uint32_t b, int to) {
        remove(b);
        add(b, to);
    }
    static double inertiaOf(double s0, double sx, double sy, double sxx) {
        return s0 > 0 ? std::max(0.0, sxx - (sx * sx + sy * sy) / s0) : 0.0;
    }
    double inertia(std::size_t d) const { return inertiaOf(s0_[d], sx_[d], sy_[d], sxx_[d]); }
    // Inertia change when b leaves `from` for `to`.
    double inertiaDelta(std::uint32_t b, std::size_t from, std::size_t to) const {
        const double ar = p_.area[b];
        const Point c = p_.centroid[b];
        const double q = ar * (c.x * c.x + c.y * c.y);
        const double after =
            inertiaOf(s0_[from] - ar, sx_[from] - ar * c.x, sy_[from] - ar * c.y, sxx_[from] - q) +
            inertiaOf(s0_[to] + ar, sx_[to] + ar * c.x, sy_[to] + ar * c.y, sxx_[to] + q);
        return after - inertia(from) - inertia(to);
    }
    Score score() const {
        Score s{0, 0, 0};
        for (std::size_t d = 0; d < k_; ++d) {
            const double dev = W_[d] - mean_;
            s.largest = std::max(s.largest, std::abs(dev));
            s.squares += dev * dev;
            s.inertia += inertia(d);
        }
        return s;
    }
    bool allowed(std::uint32_t b, std::size_t to) const {
        if (!p_.maxTravelKm || to >= p_.stationPosition.size())
            return true;
        const Point c = p_.centroid[b];
        const Point s = p_.stationPosition[to];
        return std::hypot(c.x - s.x, c.y - s.y) <= *p_.maxTravelKm;
    }
    // Whether b can leave its district without splitting it: a BFS over the rest of the district
    // from one of b's neighbours in it, stopping once all of them are reached.
    bool canLeave(std::uint32_t b) {
        if (fixed_[b])
            return false;
        const int d = a_[b];
        if (count_[static_cast<std::size_t>(d)] < 2)
            return false;
        inside_.clear();
        for (std::uint32_t j : g_.neighbours(b))
            if (a_[j] == d)
                inside_.push_back(j);
        if (inside_.size() <= 1)
            return !inside_.empty();
        if (++stampValue_ == 0) {
            std::fill(stamp_.begin(), stamp_.end(), 0);
            stampValue_ = 1;
        }
        stamp_[b] = stampValue_;
        queue_.clear();
        queue_.push_back(inside_[0]);
        stamp_[inside_[0]] = stampValue_;
        std::size_t reached = 1;
        for (std::size_t k = 0; k < queue_.size() && reached < inside_.size(); ++k)
            for (std::uint32_t j : g_.neighbours(queue_[k]))
                if (a_[j] == d && stamp_[j] != stampValue_) {
                    stamp_[j] = stampValue_;
                    queue_.push_back(j);
                    if (std::find(inside_.begin(), inside_.end(), j) != inside_.end())
                        ++reached;
                }
        return reached == inside_.size();
    }
    bool stopped() const { return stop_.load(std::memory_order_relaxed); }

    // ---- construction: seeds, then growth of the lightest district ----
    std::vector<std::uint32_t> seeds() {
        std::vector<std::uint32_t> chosen(p_.stationBlock.begin(), p_.stationBlock.end());
        std::vector<double> nearest(n_, kInf);
        const auto update = [&](std::uint32_t s) {
            for (std::size_t i = 0; i < n_; ++i) {
                const double dx = p_.centroid[i].x - p_.centroid[s].x;
                const double dy = p_.centroid[i].y - p_.centroid[s].y;
                nearest[i] = std::min(nearest[i], dx * dx + dy * dy);
            }
        };
        for (std::uint32_t s : chosen)
            update(s);
        if (chosen.empty() && k_ > 0) {
            chosen.push_back(static_cast<std::uint32_t>(random_.below(n_)));
            update(chosen.back());
        }
        // k-means++: the next seed drawn with probability proportional to the squared distance
        // to the nearest seed so far (spread, but not always the extreme corners).
        while (chosen.size() < k_) {
            double total = 0;
            for (std::size_t i = 0; i < n_; ++i)
                total += nearest[i];
            std::uint32_t next = 0;
            if (total > 0) {
                double r = random_.uniform() * total;
                for (std::size_t i = 0; i < n_; ++i) {
                    if (nearest[i] <= 0)
                        continue;
                    next = static_cast<std::uint32_t>(i);
                    r -= nearest[i];
                    if (r < 0)
                        break;
                }
            } else { // all remaining blocks share a centroid with a seed: the first unused one
                std::vector<char> used(n_, 0);
                for (std::uint32_t s : chosen)
                    used[s] = 1;
                while (used[next])
                    ++next;
            }
            chosen.push_back(next);
            update(next);
        }
        return chosen;
    }

    void construct() {
        resetState();
        const std::vector<std::uint32_t> seed = seeds();
        using Entry = std::pair<double, std::uint32_t>; // (squared distance to the seed, block)
        std::vector<std::vector<Entry>> frontier(k_);
        const auto push = [&](std::size_t d, std::uint32_t b) {
            const Point c = p_.centroid[b];
            const Point s = d < p_.stationPosition.size() ? p_.stationPosition[d] : p_.centroid[seed[d]];
            const double dx = c.x - s.x, dy = c.y - s.y;
            frontier[d].emplace_back(dx * dx + dy * dy, b);
            std::push_heap(frontier[d].begin(), frontier[d].end(), std::greater<>());
        };
        for (std::size_t d = 0; d < k_; ++d)
            add(seed[d], static_cast<int>(d));
        for (std::size_t d = 0; d < k_; ++d)
            for (std::uint32_t j : g_.neighbours(seed[d]))
                if (a_[j] < 0)
                    push(d, j);
        std::size_t assigned = k_;
        bool ignoreTravel = false;
        while (assigned < n_) {
            // The lightest district that can still grow takes its nearest unassigned neighbour.
            std::size_t best = k_;
            for (std::size_t d = 0; d < k_; ++d) {
                auto& f = frontier[d];
                while (!f.empty() &&
                       (a_[f.front().second] >= 0 || (!ignoreTravel && !allowed(f.front().second, d)))) {
                    std::pop_heap(f.begin(), f.end(), std::greater<>());
                    f.pop_back();
                }
                if (!f.empty() && (best == k_ || W_[d] < W_[best]))
                    best = d;
            }
            if (best == k_) {
                if (ignoreTravel)
                    break; // cannot happen on a connected graph
                // Blocks beyond every station's reach: grow again without the limit (flagged).
                ignoreTravel = true;
                for (std::uint32_t b = 0; b < n_; ++b)
                    if (a_[b] >= 0)
                        for (std::uint32_t j : g_.neighbours(b))
                            if (a_[j] < 0)
                                push(static_cast<std::size_t>(a_[b]), j);
                continue;
            }
            auto& f = frontier[best];
            const std::uint32_t b = f.front().second;
            std::pop_heap(f.begin(), f.end(), std::greater<>());
            f.pop_back();
            add(b, static_cast<int>(best));
            ++assigned;
            for (std::uint32_t j : g_.neighbours(b))
                if (a_[j] < 0)
                    push(best, j);
        }
    }

    // ---- descent: heavier -> lighter neighbour while that lowers the pair's spread ----
    void descend() {
        for (bool improved = true; improved && !stopped();) {
            improved = false;
            for (std::uint32_t b = 0; b < n_; ++b) {
                const double w = p_.workload[b];
                if (w <= 0 || fixed_[b])
                    continue;
                const auto from = static_cast<std::size_t>(a_[b]);
                std::size_t to = k_;
                for (std::uint32_t j : g_.neighbours(b)) {
                    const auto d = static_cast<std::size_t>(a_[j]);
                    if (d == from || W_[from] - W_[d] - w <= eps_ || !allowed(b, d))
                        continue;
                    if (to == k_ || W_[d] < W_[to] || (W_[d] == W_[to] && d < to))
                        to = d;
                }
                if (to != k_ && canLeave(b)) {
                    move(b, static_cast<int>(to));
                    improved = true;
                }
            }
        }
    }

    // ---- tabu on the worst district: its best move even when it makes things worse ----
    void tabu() {
        const std::size_t iterations = std::min<std::size_t>(20 * n_ + 200, 20000);
        const std::size_t patience = std::max<std::size_t>(200, 2 * k_);
        const std::size_t tenure = 7 + k_ / 10;
        std::vector<std::size_t> tabuUntil(n_, 0);
        Score best = score();
        std::vector<int> bestA = a_;
        std::size_t sinceBest = 0;
        struct Candidate {
            double largest, squares;
            std::uint32_t block;
            std::size_t to;
        };
        std::vector<Candidate> candidates;
        for (std::size_t it = 1; it <= iterations && sinceBest < patience && !stopped(); ++it) {
            // The three largest deviations, so the largest after a move is O(1).
            std::array<std::size_t, 3> top{k_, k_, k_};
            double squares = 0;
            for (std::size_t d = 0; d < k_; ++d) {
                const double dev = std::abs(W_[d] - mean_);
                squares += (W_[d] - mean_) * (W_[d] - mean_);
                for (std::size_t t = 0; t < 3; ++t)
                    if (top[t] == k_ || dev > std::abs(W_[top[t]] - mean_)) {
                        for (std::size_t u = 2; u > t; --u)
                            top[u] = top[u - 1];
                        top[t] = d;
                        break;
                    }
            }
            const std::size_t worst = top[0];
            const auto othersLargest = [&](std::size_t x, std::size_t y) {
                for (std::size_t t : top)
                    if (t != k_ && t != x && t != y)
                        return std::abs(W_[t] - mean_);
                return 0.0;
            };
            const bool heavy = W_[worst] > mean_;
            candidates.clear();
            const auto consider = [&](std::uint32_t b, std::size_t from, std::size_t to) {
                const double w = p_.workload[b];
                if (w <= 0 || fixed_[b] || !allowed(b, to))
                    return;
                const double f = W_[from] - w - mean_, t = W_[to] + w - mean_;
                const double f0 = W_[from] - mean_, t0 = W_[to] - mean_;
                const double largest = std::max({std::abs(f), std::abs(t), othersLargest(from, to)});
                const double sq = squares - f0 * f0 - t0 * t0 + f * f + t * t;
                const bool isTabu = tabuUntil[b] > it;
                const bool aspires =
                    Score{largest, sq, 0}.betterThan(Score{best.largest, best.squares, 0}, eps_);
                if (!isTabu || aspires)
                    candidates.push_back({largest, sq, b, to});
            };
            for (std::uint32_t b = 0; b < n_; ++b) {
                if (static_cast<std::size_t>(a_[b]) != worst)
                    continue;
                for (std::uint32_t j : g_.neighbours(b)) {
                    const auto d = static_cast<std::size_t>(a_[j]);
                    if (d == worst)
                        continue;
                    if (heavy)
                        consider(b, worst, d); // give b away
                    else
                        consider(j, d, worst); // take j in
                }
            }
            std::sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
                if (x.largest != y.largest)
                    return x.largest < y.largest;
                if (x.squares != y.squares)
                    return x.squares < y.squares;
                return x.block != y.block ? x.block < y.block : x.to < y.to;
            });
            bool moved = false;
            for (const Candidate& c : candidates) {
                if (!canLeave(c.block))
                    continue;
                move(c.block, static_cast<int>(c.to));
                tabuUntil[c.block] = it + tenure;
                moved = true;
                break;
            }
            if (!moved)
                break;
            const Score now = score();
            if (now.betterThan(best, eps_)) {
                best = now;
                bestA = a_;
                sinceBest = 0;
            } else {
                ++sinceBest;
            }
        }
        if (bestA != a_) {
            resetState();
            for (std::uint32_t b = 0; b < n_; ++b)
                add(b, bestA[b]);
        }
    }

    // ---- compactness: boundary moves lowering the inertia, the largest deviation kept ----
    void compact() {
        const double bound = score().largest + eps_;
        for (int pass = 0; pass < 20 && !stopped(); ++pass) {
            bool improved = false;
            for (std::uint32_t b = 0; b < n_; ++b) {
                if (fixed_[b])
                    continue;
                const auto from = static_cast<std::size_t>(a_[b]);
                const double w = p_.workload[b];
                if (std::abs(W_[from] - w - mean_) > bound)
                    continue;
                std::size_t to = k_;
                double gain = 0;
                for (std::uint32_t j : g_.neighbours(b)) {
                    const auto d = static_cast<std::size_t>(a_[j]);
                    if (d == from || std::abs(W_[d] + w - mean_) > bound || !allowed(b, d))
                        continue;
                    const double delta = inertiaDelta(b, from, d);
                    if (delta < gain - 1e-12 * (inertia(from) + inertia(d) + 1e-300)) {
                        gain = delta;
                        to = d;
                    }
                }
                if (to != k_ && canLeave(b)) {
                    move(b, static_cast<int>(to));
                    improved = true;
                }
            }
            if (!improved)
                break;
        }
    }

    const SearchProblem& p_;
    const BlockGraph& g_;
    std::size_t n_, k_;
    const std::atomic<bool>& stop_;
    Random random_;
    double mean_ = 0, eps_ = 0;
    std::vector<int> a_;
    std::vector<double> W_, s0_, sx_, sy_, sxx_;
    std::vector<std::size_t> count_;
    std::vector<char> fixed_;
    std::vector<std::uint32_t> stamp_, inside_, queue_;
    std::uint32_t stampValue_ = 0;
};

} // namespace

SearchResult searchDistricts(const SearchProblem& problem, int threads, Progress* progress) {
    const int restarts = std::max(1, problem.restarts);
    const int workers = std::clamp(threads, 1, restarts);
    std::vector<SearchResult> results(static_cast<std::size_t>(restarts));
    std::atomic<int> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    const auto work = [&] {
        for (int r; (r = next.fetch_add(1)) < restarts && !stop.load();) {
            try {
                results[static_cast<std::size_t>(r)] = Search(problem, r, stop).run();
                results[static_cast<std::size_t>(r)].restart = r;
            } catch (...) {
                const std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
            }
            ++done;
        }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < workers; ++t)
        pool.emplace_back(work);
    // This thread reports progress and watches for cancellation.
    while (done.load() < restarts && !stop.load()) {
        if (progress) {
            progress->report(static_cast<double>(done.load()) / restarts, "Designing districts");
            if (progress->cancelled())
                stop = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    for (std::thread& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    throwIfCancelled(progress);
    if (stop.load())
        throw Cancelled();
    std::size_t best = 0;
    double total = 0;
    for (double w : problem.workload)
        total += w;
    const double eps = 1e-9 * std::max(total / problem.zones, 1e-300);
    for (std::size_t r = 1; r < results.size(); ++r) {
        const Score a{results[r].largestDeviation, results[r].sumSquares, results[r].inertia};
        const Score b{results[best].largestDeviation, results[best].sumSquares, results[best].inertia};
        if (a.betterThan(b, eps))
            best = r;
    }
    return results[best];
}

} // namespace firebeat::detail
