# Installs libparley (static or shared), its headers, a CMake package and a
# pkg-config file, so that another project can find_package(parley CONFIG)
# and link parley::parley, or ask `pkg-config --cflags --libs parley`; and
# the licence, README and docs under share/doc/parley.
include(CMakePackageConfigHelpers)

install(TARGETS parley EXPORT parleyTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/parley DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PARLEY_GENERATED_INCLUDE}/parley/version.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/parley)
if(TARGET parley_cli)
  install(TARGETS parley_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/parley)
install(EXPORT parleyTargets NAMESPACE parley:: DESTINATION ${config_dir})
# A static libparley needs what it links (fmt, yaml-cpp, Boost.JSON) in
# whatever links it; a shared one carries them itself.
get_target_property(PARLEY_LIBRARY_TYPE parley TYPE)
configure_package_config_file(cmake/parleyConfig.cmake.in
  ${PROJECT_BINARY_DIR}/parleyConfig.cmake INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/parleyConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/parleyConfig.cmake
              ${PROJECT_BINARY_DIR}/parleyConfigVersion.cmake
        DESTINATION ${config_dir})

# pkg-config: the libraries a static libparley needs go in Libs.private and
# Requires.private (`pkg-config --static`). Boost.JSON has no .pc file. The
# prefix is found from where the .pc file is (pcfiledir), so that an install
# with `cmake --install --prefix DIR` works wherever DIR is.
set(PARLEY_PC_PREFIX "\${pcfiledir}")
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(PARLEY_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  string(REPLACE "/" ";" levels "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
  foreach(level IN LISTS levels)
    string(APPEND PARLEY_PC_PREFIX "/..")
  endforeach()
endif()
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(PARLEY_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(PARLEY_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file(cmake/parley.pc.in ${PROJECT_BINARY_DIR}/parley.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/parley.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(FILES LICENSE README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES rules/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME rules.md)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
