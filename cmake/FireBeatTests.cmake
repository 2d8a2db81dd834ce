# firebeat_add_qtest(NAME name SOURCES ... LIBS ... LABELS ... [TIMEOUT s] [ENV k=v ...])
function(firebeat_add_qtest)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE
    FIREBEAT_SOURCE_DIR="${PROJECT_SOURCE_DIR}" FIREBEAT_BINARY_DIR="${PROJECT_BINARY_DIR}")
  set_target_properties(${T_NAME} PROPERTIES AUTOMOC ON)
  firebeat_warnings(${T_NAME})
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  # QtTest's own 300 s limit per test function would abort a peer comparison on a busy machine
  # before ctest's limit for the whole test: let ctest's TIMEOUT be the one that counts.
  math(EXPR _function_timeout_ms "${T_TIMEOUT} * 1000")
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QTEST_FUNCTION_TIMEOUT=${_function_timeout_ms};${T_ENV}")
endfunction()
