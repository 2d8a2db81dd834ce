# firebeat_coverage_bench: coverage gaps and district sizing on a generated city 30x the sample.
# include()d from bench/CMakeLists.txt; results in bench/README-coverage.md.
add_executable(firebeat_coverage_bench ${CMAKE_CURRENT_LIST_DIR}/coverage_bench.cpp
                                       ${CMAKE_CURRENT_LIST_DIR}/coverage_city.cpp)
target_link_libraries(firebeat_coverage_bench PRIVATE FireBeat::core)
target_compile_features(firebeat_coverage_bench PRIVATE cxx_std_20)
firebeat_warnings(firebeat_coverage_bench)
