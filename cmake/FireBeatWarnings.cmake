# Warnings for FireBeat's own targets; third-party headers are included as SYSTEM.
function(firebeat_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                            -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual)
  # GCC 12 reports false -Wrestrict on std::string concatenation at -O3 (GCC bug 105329).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  # Declarations such as OptionSpec are written with C++20 designated initializers that leave the
  # members with defaults out on purpose; GCC 12 still warns about that under -Wextra.
  target_compile_options(${target} PRIVATE -Wno-missing-field-initializers)
  if(FIREBEAT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Records a part of the build that was skipped and why; printed once at the end of configure.
function(firebeat_skip what why)
  set_property(GLOBAL APPEND_STRING PROPERTY FIREBEAT_SKIPPED "  - ${what}: ${why}\n")
endfunction()
