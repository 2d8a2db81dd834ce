# firebeat_read_bench: reading hazards into memory (Arrow stream vs feature by feature).
add_executable(firebeat_read_bench ${CMAKE_CURRENT_LIST_DIR}/read_hazards.cpp)
target_link_libraries(firebeat_read_bench PRIVATE FireBeat::core)
firebeat_warnings(firebeat_read_bench)
# firebeat_sample_bench: generating and writing the sample at a large scale.
add_executable(firebeat_sample_bench ${CMAKE_CURRENT_LIST_DIR}/sample_bench.cpp)
target_link_libraries(firebeat_sample_bench PRIVATE FireBeat::core)
firebeat_warnings(firebeat_sample_bench)
