import { removeTempDirs } from './temp-dirs';

afterAll(removeTempDirs);
