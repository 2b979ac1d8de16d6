/** `npm run bench`: every benchmark of the project, with the machine it ran on. */
import { machineLine } from './machine'
import { benchParse } from './parse'

console.log(machineLine())
benchParse()
