# Fails when a source under DIR includes a Qt header: algorithms/ must build without Qt
# because the QGIS plugin (Qt 5) and the server (Qt 6) both link it.
file(GLOB_RECURSE _files ${DIR}/*.h ${DIR}/*.cpp ${DIR}/CMakeLists.txt)
foreach(_f IN LISTS _files)
  file(STRINGS ${_f} _hits REGEX "#[ \t]*include[ \t]*[<\"](Q[A-Z][A-Za-z]*|Qt[A-Za-z]*/)|Qt[56]::")
  if(_hits)
    message(FATAL_ERROR "algorithms/ must not use Qt, but ${_f} does:\n${_hits}")
  endif()
endforeach()
