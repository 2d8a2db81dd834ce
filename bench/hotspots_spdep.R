# The same whole process in R spdep: read the GeoPackage, queen weights (poly2nb), Gi* (localG on
# include.self binary weights), Local Moran's I with 999 conditional permutations
# (localmoran_perm), write a GeoPackage. Usage: Rscript hotspots_spdep.R IN.gpkg OUT.gpkg
suppressPackageStartupMessages({
  library(sf)
  library(spdep)
})
args <- commandArgs(trailingOnly = TRUE)
set.seed(1)
t0 <- Sys.time()
x <- st_read(args[1], "villages", quiet = TRUE)
t1 <- Sys.time()
nb <- poly2nb(x, queen = TRUE)
t2 <- Sys.time()
x$gi_z <- as.numeric(localG(x$value, nb2listw(include.self(nb), style = "B", zero.policy = TRUE),
                            zero.policy = TRUE))
t3 <- Sys.time()
lisa <- localmoran_perm(x$value, nb2listw(nb, style = "W", zero.policy = TRUE), nsim = 999,
                        zero.policy = TRUE)
x$lisa_i <- lisa[, "Ii"]
x$lisa_p <- lisa[, "Pr(folded) Sim"]
t4 <- Sys.time()
st_write(x, args[2], "village_hotspots", quiet = TRUE, delete_dsn = TRUE)
t5 <- Sys.time()
s <- function(a, b) as.numeric(difftime(b, a, units = "secs"))
cat(sprintf(paste0("spdep: %d villages, %d queen links; read %.3f s, poly2nb %.3f s, localG %.3f s, ",
                   "localmoran_perm %.3f s, write %.3f s, total in R %.3f s\n"),
            nrow(x), sum(card(nb)), s(t0, t1), s(t1, t2), s(t2, t3), s(t3, t4), s(t4, t5), s(t0, t5)))
