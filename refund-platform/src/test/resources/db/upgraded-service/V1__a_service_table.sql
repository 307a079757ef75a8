-- A service's own first migration, numbered above every platform migration (UpgradedDatabaseTest).
create table service_case (id int primary key);
