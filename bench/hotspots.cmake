# firebeat_hotspots_bench: village hot spots on 10,000 generated villages against R spdep.
# include()d from bench/CMakeLists.txt; run hotspots_run.sh, results in bench/README-hotspots.md.
add_executable(firebeat_hotspots_bench ${CMAKE_CURRENT_LIST_DIR}/hotspots_bench.cpp)
target_link_libraries(firebeat_hotspots_bench PRIVATE FireBeat::core)
# The village generator is shared with the hot-spot tests.
target_include_directories(firebeat_hotspots_bench PRIVATE ${PROJECT_SOURCE_DIR}/tests/algorithms)
target_compile_features(firebeat_hotspots_bench PRIVATE cxx_std_20)
firebeat_warnings(firebeat_hotspots_bench)
