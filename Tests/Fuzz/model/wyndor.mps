* Wyndor Glass in free MPS: the objective sense is not part of the format.
NAME wyndor
ROWS
 N profit
 L plant1
 L plant2
 L plant3
COLUMNS
 x profit 3 plant1 1
 x plant3 3
 y profit 5 plant2 2
 y plant3 2
RHS
 RHS plant1 4 plant2 12
 RHS plant3 18
ENDATA
